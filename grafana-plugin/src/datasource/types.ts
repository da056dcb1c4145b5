import type { DataQuery, DataSourceJsonData } from '@grafana/data';

export const QUERY_TYPES = [
  { value: 'episodeMetrics', label: 'Episode metrics', description: 'Success rate, escalation rate, latency, cost and tokens over time' },
  { value: 'regressions', label: 'Regressions', description: 'What regressed, by how much, in which release' },
  { value: 'failureModes', label: 'Failure modes', description: 'Failure modes with counts and new/growing status' },
  { value: 'proposals', label: 'Proposals', description: 'Proposals with their latest gate verdict' },
  { value: 'gateDecision', label: 'Gate decision', description: "Per-metric scores and verdicts of a proposal's or release's gate" },
  { value: 'releases', label: 'Releases', description: 'Version history with owner, reason and rollout stage' },
] as const;
export type QueryType = (typeof QUERY_TYPES)[number]['value'];

export const METRICS = [
  { value: 'success_rate', label: 'Success rate' },
  { value: 'escalation_rate', label: 'Escalation rate' },
  { value: 'latency_p50', label: 'Latency p50' },
  { value: 'latency_p95', label: 'Latency p95' },
  { value: 'cost_per_episode', label: 'Cost per episode' },
  { value: 'tokens_per_episode', label: 'Tokens per episode' },
  { value: 'episodes', label: 'Episodes' },
] as const;
export type Metric = (typeof METRICS)[number]['value'];

export const GROUP_BY = ['none', 'agent', 'version', 'release', 'workflow'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface TrumpetsQuery extends DataQuery {
  queryType: QueryType;
  metric?: Metric;
  groupBy?: GroupBy;
  agent?: string;
  version?: string;
  release?: string;
  workflow?: string;
  proposalId?: string;
  /** Failure modes: only these statuses (comma separated), e.g. `new,growing`. */
  status?: string;
}

export const DEFAULT_QUERY: Partial<TrumpetsQuery> = { queryType: 'episodeMetrics', metric: 'success_rate', groupBy: 'agent' };

export interface TrumpetsOptions extends DataSourceJsonData {
  /** The collector's base URL as Grafana's server reaches it, e.g. http://collector:4318. */
  apiUrl?: string;
}

export interface TrumpetsSecureOptions {
  /** A collector token with the `read` scope. */
  readToken?: string;
}
