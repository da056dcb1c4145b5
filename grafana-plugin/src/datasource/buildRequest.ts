import type { ScopedVars } from '@grafana/data';
import type { EpisodeMetricsParams } from '../api/client';
import type { TrumpetsQuery } from './types';

type Replace = (text: string, scopedVars?: ScopedVars) => string;

const INTERPOLATED = ['agent', 'version', 'release', 'workflow', 'proposalId', 'status'] as const;

/** The query with `$agent`-style variables replaced; "All" (or an empty value) means no filter. */
export function interpolateQuery(query: TrumpetsQuery, replace: Replace, scopedVars?: ScopedVars): TrumpetsQuery {
  const next = { ...query };
  for (const key of INTERPOLATED) {
    const value = query[key];
    if (value === undefined) continue;
    const replaced = replace(value, scopedVars).trim();
    next[key] = replaced === '$__all' || replaced === 'All' ? '' : replaced;
  }
  return next;
}

/** Grafana's interval as the collector's bucket width: whole seconds, at least one. */
export function bucketMs(intervalMs: number): number {
  return Math.max(1000, Math.round(intervalMs / 1000) * 1000);
}

export function episodeMetricsParams(query: TrumpetsQuery, range: { from: number; to: number }, intervalMs: number): EpisodeMetricsParams {
  return {
    from: range.from,
    to: range.to,
    intervalMs: bucketMs(intervalMs),
    groupBy: query.groupBy || undefined,
    agent: query.agent || undefined,
    version: query.version || undefined,
    release: query.release || undefined,
    workflow: query.workflow || undefined,
  };
}

export type VariableQuery = { kind: 'agents' } | { kind: 'versions'; agent: string } | { kind: 'releases'; agent: string };

/**
 * A template variable's query: `agents`, `versions <agent>` or `releases <agent>` (the agent
 * usually `$agent`, already interpolated). Undefined for anything else.
 */
export function parseVariableQuery(text: string): VariableQuery | undefined {
  const [kind, agent = ''] = text.trim().split(/\s+/, 2);
  if (kind === 'agents') return { kind };
  if (kind === 'versions' || kind === 'releases') return { kind, agent: agent === '$__all' || agent === 'All' ? '' : agent };
  return undefined;
}
