import {
  episodeLabelValuesResponseSchema,
  episodeMetricsResponseSchema,
  episodeSchema,
  failureModeDetailSchema,
  failureModeListSchema,
  gateDecisionSchema,
  proposalDetailSchema,
  proposalListSchema,
  regressionListSchema,
  releaseActionResultSchema,
  releaseDetailSchema,
  releaseListSchema,
  releaseSchema,
  type EpisodeGroupBy,
  type EpisodeLabel,
  type EpisodeLabelValuesQuery,
  type EpisodeMetricsQuery,
  type FailureModeDetailQuery,
  type FailureModeListQuery,
} from '@trumpets/protocol/api';
import { z } from 'zod';
import { request, withQuery, type Params } from './request';

/** A query the collector checks with a protocol schema, as this client sends it: the same names, values as text or numbers. */
type QueryOf<Query> = { [Name in keyof Query]?: string | number };

export const RELEASE_ACTIONS = ['advance', 'pause', 'resume', 'rollback'] as const;
export type ReleaseAction = (typeof RELEASE_ACTIONS)[number];

/** What the data source asks of `GET /api/episode-metrics`: a range in ms, a split, the label filters as comma-separated text. */
export type EpisodeMetricsParams = QueryOf<EpisodeMetricsQuery> & { from: number; to: number; groupBy?: EpisodeGroupBy };

/**
 * The collector's API as the plugin uses it: the only module that knows its paths. `baseUrl` is
 * a Grafana proxy URL (the app's plugin proxy or the data source's), ending before `/api`.
 */
export function createClient(baseUrl: string) {
  const get = <S extends z.ZodType>(schema: S, path: string, params?: Params) =>
    request(schema, { url: withQuery(`${baseUrl}/api${path}`, params) });
  const post = <S extends z.ZodType>(schema: S, path: string, data: unknown) =>
    request(schema, { url: `${baseUrl}/api${path}`, method: 'POST', data });
  const id = encodeURIComponent;
  return {
    episodeMetrics: (params: EpisodeMetricsParams) => get(episodeMetricsResponseSchema, '/episode-metrics', params),
    labelValues: (label: EpisodeLabel, params: QueryOf<EpisodeLabelValuesQuery>) =>
      get(episodeLabelValuesResponseSchema, `/episode-metrics/labels/${label}`, params),
    regressions: (params: { agent?: string; release?: string }) => get(regressionListSchema, '/regressions', params),
    failureModes: (params: QueryOf<FailureModeListQuery>) => get(failureModeListSchema, '/failure-modes', params),
    failureMode: (modeId: string, params: QueryOf<FailureModeDetailQuery> = {}) =>
      get(failureModeDetailSchema, `/failure-modes/${id(modeId)}`, params),
    episode: (episodeId: string) => get(episodeSchema, `/episodes/${id(episodeId)}`),
    proposals: (params: { agent?: string; state?: string }) => get(proposalListSchema, '/proposals', params),
    proposal: (proposalId: string) => get(proposalDetailSchema, `/proposals/${id(proposalId)}`),
    comparison: (proposalId: string) => get(gateDecisionSchema, `/proposals/${id(proposalId)}/comparison`),
    gateDecision: (decisionId: string) => get(gateDecisionSchema, `/gate-decisions/${id(decisionId)}`),
    releases: (params: { agent?: string }) => get(releaseListSchema, '/releases', params),
    release: (releaseId: string) => get(releaseDetailSchema, `/releases/${id(releaseId)}`),
    releaseAction: (releaseId: string, action: ReleaseAction, reason: string) =>
      post(releaseActionResultSchema, `/releases/${id(releaseId)}/${action}`, { reason }),
    promote: (body: { agent: string; proposalId: string; owner: string; reason: string }) => post(releaseSchema, '/releases', body),
  };
}

export type TrumpetsClient = ReturnType<typeof createClient>;
