import {
  episodeLabelValuesResponseSchema,
  episodeMetricsResponseSchema,
  regressionListSchema,
  releaseActionResultSchema,
  releaseDetailSchema,
  releaseListSchema,
  releaseSchema,
} from '@trumpets/protocol/api';
import { z } from 'zod';
import { request, withQuery, type Params } from './request';
import {
  episodeSchema,
  failureModeDetailSchema,
  failureModeListSchema,
  gateDecisionSchema,
  proposalDetailSchema,
  proposalListSchema,
} from './schemas';

export const RELEASE_ACTIONS = ['advance', 'pause', 'resume', 'rollback'] as const;
export type ReleaseAction = (typeof RELEASE_ACTIONS)[number];

export interface EpisodeMetricsParams extends Params {
  from: number;
  to: number;
  intervalMs?: number;
  groupBy?: 'none' | 'agent' | 'version' | 'release' | 'workflow';
  agent?: string;
  version?: string;
  release?: string;
  workflow?: string;
}

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
    labelValues: (label: 'agent' | 'version' | 'release' | 'workflow', params: { from?: number; to?: number; agent?: string }) =>
      get(episodeLabelValuesResponseSchema, `/episode-metrics/labels/${label}`, params),
    regressions: (params: { agent?: string; release?: string }) => get(regressionListSchema, '/regressions', params),
    failureModes: (params: { agent?: string; from?: string; to?: string; status?: string; limit?: number }) =>
      get(failureModeListSchema, '/failure-modes', params),
    failureMode: (modeId: string, params: { from?: string; to?: string } = {}) =>
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
