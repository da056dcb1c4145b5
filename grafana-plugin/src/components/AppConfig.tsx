import type { AppPluginMeta, KeyValue, PluginConfigPageProps, PluginMeta } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet, Input, SecretInput } from '@grafana/ui';
import { useState } from 'react';
import { lastValueFrom } from 'rxjs';
import { testIds } from '../constants';

export interface AppSettings {
  /** The collector's base URL as Grafana's server reaches it. */
  apiUrl?: string;
}

type Secrets = { readToken?: string; actToken?: string };

/** The app's settings: the collector URL, a read token for the pages and an act token for release actions (both kept server-side). */
export default function AppConfig({ plugin }: PluginConfigPageProps<AppPluginMeta<AppSettings>>) {
  const { enabled, pinned, jsonData, secureJsonFields } = plugin.meta;
  const [apiUrl, setApiUrl] = useState(jsonData?.apiUrl ?? '');
  const [secrets, setSecrets] = useState<Secrets>({});
  const [configured, setConfigured] = useState<KeyValue<boolean>>(secureJsonFields ?? {});
  const [result, setResult] = useState<{ ok: boolean; message: string }>();

  const save = async () => {
    try {
      await lastValueFrom(
        getBackendSrv().fetch({
          url: `/api/plugins/${plugin.meta.id}/settings`,
          method: 'POST',
          data: { enabled, pinned, jsonData: { apiUrl: apiUrl.replace(/\/+$/, '') }, secureJsonData: secrets },
        }),
      );
      setConfigured({ ...configured, ...Object.fromEntries(Object.keys(secrets).map((key) => [key, true])) });
      setSecrets({});
      setResult({ ok: true, message: 'Saved. The pages use these settings from now on.' });
    } catch (error) {
      setResult({
        ok: false,
        message: `Could not save the settings: ${(error as { data?: { message?: string } }).data?.message ?? String(error)}`,
      });
    }
  };

  const secret = (key: keyof Secrets, label: string, description: string, testId: string) => (
    <Field label={label} description={description}>
      <SecretInput
        data-testid={testId}
        width={60}
        isConfigured={Boolean(configured[key])}
        value={secrets[key] ?? ''}
        onChange={(event) => setSecrets({ ...secrets, [key]: event.currentTarget.value })}
        onReset={() => {
          setConfigured({ ...configured, [key]: false });
          setSecrets({ ...secrets, [key]: '' });
        }}
      />
    </Field>
  );

  return (
    <FieldSet label="Collector">
      <Field
        label="Collector URL"
        description="As Grafana's server reaches it, e.g. http://collector:4318. The browser never calls it directly."
        required
      >
        <Input
          data-testid={testIds.appConfig.apiUrl}
          width={60}
          value={apiUrl}
          placeholder="http://collector:4318"
          onChange={(event) => setApiUrl(event.currentTarget.value)}
        />
      </Field>
      {secret('readToken', 'Read token', 'A collector token with the read scope, for the pages.', testIds.appConfig.readToken)}
      {secret(
        'actToken',
        'Act token',
        'A collector token with the act scope: promote, advance, pause and roll back. Only editors can use the actions.',
        testIds.appConfig.actToken,
      )}
      <Button data-testid={testIds.appConfig.save} onClick={save} disabled={!apiUrl}>
        Save settings
      </Button>
      {result && <Alert severity={result.ok ? 'success' : 'error'} title={result.message} />}
    </FieldSet>
  );
}

export type AppMeta = PluginMeta<AppSettings>;
