import type { QueryEditorProps } from '@grafana/data';
import { Combobox, InlineField, InlineFieldRow, Input } from '@grafana/ui';
import { testIds } from '../constants';
import type { TrumpetsDataSource } from './datasource';
import {
  GROUP_BY,
  METRICS,
  QUERY_TYPES,
  type GroupBy,
  type Metric,
  type QueryType,
  type TrumpetsOptions,
  type TrumpetsQuery,
} from './types';

type Props = QueryEditorProps<TrumpetsDataSource, TrumpetsQuery, TrumpetsOptions>;

/** Which filters each query type takes. */
const FILTERS: Record<QueryType, ReadonlyArray<'agent' | 'version' | 'release' | 'workflow' | 'proposalId' | 'status'>> = {
  episodeMetrics: ['agent', 'version', 'release', 'workflow'],
  regressions: ['agent', 'release'],
  failureModes: ['agent', 'status'],
  proposals: ['agent'],
  gateDecision: ['agent', 'release', 'proposalId'],
  releases: ['agent'],
};

const PLACEHOLDERS = {
  agent: '$agent',
  version: '$version',
  release: '$release',
  workflow: 'any',
  proposalId: 'latest release',
  status: 'new,growing',
};

export function QueryEditor({ query, onChange, onRunQuery }: Props) {
  const queryType = query.queryType ?? 'episodeMetrics';
  const update = (patch: Partial<TrumpetsQuery>) => {
    onChange({ ...query, ...patch });
    onRunQuery();
  };
  return (
    <div data-testid={testIds.datasource.queryType}>
      <InlineFieldRow>
        <InlineField label="Query" labelWidth={12}>
          <Combobox
            width={24}
            options={QUERY_TYPES.map((type) => ({ ...type }))}
            value={queryType}
            onChange={(option) => update({ queryType: option.value as QueryType })}
          />
        </InlineField>
        {queryType === 'episodeMetrics' && (
          <>
            <InlineField label="Metric" labelWidth={10}>
              <Combobox
                width={24}
                options={METRICS.map((metric) => ({ ...metric }))}
                value={query.metric ?? 'success_rate'}
                onChange={(option) => update({ metric: option.value as Metric })}
              />
            </InlineField>
            <InlineField label="By" labelWidth={6}>
              <Combobox
                width={16}
                options={GROUP_BY.map((value) => ({ value, label: value }))}
                value={query.groupBy ?? 'none'}
                onChange={(option) => update({ groupBy: option.value as GroupBy })}
              />
            </InlineField>
          </>
        )}
      </InlineFieldRow>
      <InlineFieldRow>
        {FILTERS[queryType].map((key) => (
          <InlineField key={key} label={key === 'proposalId' ? 'Proposal' : key[0]!.toUpperCase() + key.slice(1)} labelWidth={12}>
            <Input
              width={20}
              placeholder={PLACEHOLDERS[key]}
              value={query[key] ?? ''}
              onChange={(event) => onChange({ ...query, [key]: event.currentTarget.value })}
              onBlur={onRunQuery}
            />
          </InlineField>
        ))}
      </InlineFieldRow>
    </div>
  );
}
