import {
  onUpdateDatasourceJsonDataOption,
  onUpdateDatasourceSecureJsonDataOption,
  updateDatasourcePluginResetOption,
  type DataSourcePluginOptionsEditorProps,
} from '@grafana/data';
import { Field, Input, SecretInput } from '@grafana/ui';
import type { TrumpetsOptions, TrumpetsSecureOptions } from './types';

type Props = DataSourcePluginOptionsEditorProps<TrumpetsOptions, TrumpetsSecureOptions>;

export function ConfigEditor(props: Props) {
  const { options } = props;
  return (
    <>
      <Field
        label="Collector URL"
        description="The Trumpets collector as Grafana's server reaches it; requests go through Grafana, never from the browser."
        required
      >
        <Input
          width={48}
          placeholder="http://collector:4318"
          value={options.jsonData.apiUrl ?? ''}
          onChange={onUpdateDatasourceJsonDataOption(props, 'apiUrl')}
        />
      </Field>
      <Field
        label="Read token"
        description="A collector token with the read scope (TRUMPETS_TOKENS name:secret:read). Stored encrypted by Grafana."
      >
        <SecretInput
          width={48}
          isConfigured={Boolean(options.secureJsonFields?.readToken)}
          value={options.secureJsonData?.readToken ?? ''}
          onChange={onUpdateDatasourceSecureJsonDataOption(props, 'readToken')}
          onReset={() => updateDatasourcePluginResetOption(props, 'readToken')}
        />
      </Field>
    </>
  );
}
