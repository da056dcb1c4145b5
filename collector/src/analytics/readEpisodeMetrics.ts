import type { Store } from '../store/Store.ts';
import type { EpisodeScope } from './episodeScope.ts';
import type { EpisodeGroupBy, EpisodeLabel, EpisodeLabelValue, EpisodeMetricsPoint, EpisodeMetricsSeries } from '@trumpets/protocol/api';

/** 64-bit integers arrive as strings; averages of no rows as null. */
interface MetricsRow {
  group: string;
  time: string;
  episodes: string;
  knownOutcomes: string;
  successes: string;
  escalations: string;
  latencyQuantiles: [number, number];
  costPerEpisodeUsd: number;
  tokensPerEpisode: number;
}

const bindScope = (scope: EpisodeScope) => ({
  fromMs: scope.fromMs,
  toMs: scope.toMs,
  agents: scope.agents,
  versions: scope.versions,
  releases: scope.releases,
  workflows: scope.workflows,
});

/** Episode metrics per bucket, one series per value of `groupBy`, series in label order. */
export async function readEpisodeMetrics(
  store: Store,
  scope: EpisodeScope,
  intervalMs: number,
  groupBy: EpisodeGroupBy,
): Promise<EpisodeMetricsSeries[]> {
  const rows = await store.named<MetricsRow>('episode_metrics', { ...bindScope(scope), intervalMs, groupBy });
  const series = new Map<string, EpisodeMetricsPoint[]>();
  for (const row of rows) {
    let points = series.get(row.group);
    if (!points) series.set(row.group, (points = []));
    points.push(toPoint(row));
  }
  return [...series].map(([group, points]) => ({ group, points }));
}

function toPoint(row: MetricsRow): EpisodeMetricsPoint {
  const known = Number(row.knownOutcomes);
  const rate = (count: string) => (known === 0 ? null : Number(count) / known);
  return {
    time: Number(row.time),
    episodes: Number(row.episodes),
    knownOutcomes: known,
    successRate: rate(row.successes),
    escalationRate: rate(row.escalations),
    latencyP50Ms: row.latencyQuantiles[0],
    latencyP95Ms: row.latencyQuantiles[1],
    costPerEpisodeUsd: row.costPerEpisodeUsd,
    tokensPerEpisode: row.tokensPerEpisode,
  };
}

/** The values `label` took in scope, most recently seen first. */
export async function readEpisodeLabelValues(
  store: Store,
  scope: EpisodeScope,
  label: EpisodeLabel,
  limit: number,
): Promise<EpisodeLabelValue[]> {
  const rows = await store.named<{ value: string; lastSeenMs: string }>('episode_label_values', {
    ...bindScope(scope),
    label,
    limit,
  });
  return rows.map((row) => ({
    value: row.value,
    lastSeen: new Date(Number(row.lastSeenMs)).toISOString(),
  }));
}
