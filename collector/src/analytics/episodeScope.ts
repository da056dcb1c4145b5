import type { z } from 'zod';
import type { episodeLabelValuesQuery, episodeMetricsQuery } from '@trumpets/protocol/api';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const DEFAULT_RANGE_MS = DAY_MS;
/** Longest range one request may read. */
const MAX_RANGE_MS = 400 * DAY_MS;
/** Buckets per series at most: more than any panel is wide in pixels. */
export const MAX_BUCKETS = 5000;
/** Default bucket widths, smallest first; the first giving at most 300 buckets is used. */
const DEFAULT_INTERVALS_MS = [1, 5, 15, 60, 360, 1440].map((minutes) => minutes * MINUTE_MS);
const DEFAULT_BUCKETS = 300;

/** Range and label filters as the named queries bind them. */
export interface EpisodeScope {
  fromMs: number;
  toMs: number;
  agents: string[];
  versions: string[];
  releases: string[];
  workflows: string[];
}

type Filters = Pick<z.output<typeof episodeLabelValuesQuery>, 'from' | 'to' | 'agent' | 'version' | 'release' | 'workflow'>;

/** The range (defaults applied, checked) and filters of a request, or what is wrong with them. */
export function scopeOf(params: Filters, nowMs: number): { scope: EpisodeScope } | { error: string } {
  const toMs = params.to ?? nowMs;
  const fromMs = params.from ?? toMs - DEFAULT_RANGE_MS;
  if (fromMs >= toMs) return { error: 'from must be before to' };
  if (toMs - fromMs > MAX_RANGE_MS) return { error: 'the range from..to may span at most 400 days' };
  return {
    scope: {
      fromMs,
      toMs,
      agents: params.agent ?? [],
      versions: params.version ?? [],
      releases: params.release ?? [],
      workflows: params.workflow ?? [],
    },
  };
}

/** The bucket width: the one asked for if the range has at most MAX_BUCKETS of them, else a default. */
export function intervalOf(
  params: Pick<z.output<typeof episodeMetricsQuery>, 'intervalMs'>,
  scope: EpisodeScope,
): { intervalMs: number } | { error: string } {
  const rangeMs = scope.toMs - scope.fromMs;
  if (params.intervalMs === undefined) {
    const fitting = DEFAULT_INTERVALS_MS.find((interval) => rangeMs / interval <= DEFAULT_BUCKETS);
    return { intervalMs: fitting ?? Math.ceil(rangeMs / DEFAULT_BUCKETS / DAY_MS) * DAY_MS };
  }
  if (rangeMs / params.intervalMs > MAX_BUCKETS) {
    const smallest = Math.ceil(rangeMs / MAX_BUCKETS);
    return { error: `intervalMs ${params.intervalMs} makes more than ${MAX_BUCKETS} buckets over this range: use at least ${smallest}` };
  }
  return { intervalMs: params.intervalMs };
}
