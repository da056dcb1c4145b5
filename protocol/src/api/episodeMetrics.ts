import { z } from 'zod';

/**
 * The episode-metrics read API (`GET /api/episode-metrics`, `GET /api/episode-metrics/labels/:label`):
 * the query parameters the collector's routes check and the replies the Grafana data source parses.
 */

/** Dimensions a series can be split by; `none` gives one series over every episode in scope. */
export const EPISODE_GROUP_BY = ['none', 'agent', 'version', 'release', 'workflow'] as const;
export type EpisodeGroupBy = (typeof EPISODE_GROUP_BY)[number];

/** Labels an episode carries, each listable for template variables and usable as a filter. */
export const EPISODE_LABELS = ['agent', 'version', 'release', 'workflow'] as const;
export type EpisodeLabel = (typeof EPISODE_LABELS)[number];

/** A time as milliseconds since the epoch (what Grafana's `$__from` gives) or ISO 8601 text. */
export const timeParam = z.string().transform((text, context) => {
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms)) {
    context.addIssue({ code: 'custom', message: `'${text}' is neither milliseconds since the epoch nor an ISO 8601 time` });
    return z.NEVER;
  }
  return ms;
});

/** Comma-separated values, each kept as given (`agent=support,billing`); repeated parameters are joined. */
const valueList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value.join(',') : value))
  .transform((text) =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  )
  .pipe(z.array(z.string().max(256)).max(100));

/** Filters shared by both endpoints: keep only episodes whose label is one of the listed values. */
const filterFields = {
  agent: valueList.optional(),
  version: valueList.optional(),
  release: valueList.optional(),
  workflow: valueList.optional(),
  /** Range start. Default: 24 hours before `to`. */
  from: timeParam.optional(),
  /** Range end (exclusive). Default: now. */
  to: timeParam.optional(),
};

export const episodeMetricsQuery = z.strictObject({
  ...filterFields,
  /** Bucket width in ms (Grafana's `$__interval_ms`), at least 1000. Default: the smallest of 1m, 5m, 15m, 1h, 6h, 1d giving at most 300 buckets. */
  intervalMs: z.coerce.number().int().min(1000).optional(),
  /** One series per value of this label. Default `none`. */
  groupBy: z.enum(EPISODE_GROUP_BY).default('none'),
});
export type EpisodeMetricsQuery = z.input<typeof episodeMetricsQuery>;

export const episodeLabelValuesQuery = z.strictObject({
  ...filterFields,
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});
export type EpisodeLabelValuesQuery = z.input<typeof episodeLabelValuesQuery>;

/** One time bucket of one series. Rates are over episodes with a known outcome; null when a bucket has none. */
export const episodeMetricsPointSchema = z.object({
  /** Bucket start, ms since the epoch (buckets are aligned to multiples of intervalMs). */
  time: z.number(),
  episodes: z.number(),
  /** Episodes whose outcome is success, failure or escalated (not unknown). */
  knownOutcomes: z.number(),
  successRate: z.number().nullable(),
  escalationRate: z.number().nullable(),
  latencyP50Ms: z.number(),
  latencyP95Ms: z.number(),
  costPerEpisodeUsd: z.number(),
  tokensPerEpisode: z.number(),
});
export type EpisodeMetricsPoint = z.infer<typeof episodeMetricsPointSchema>;

export const episodeMetricsSeriesSchema = z.object({
  /** The groupBy label's value ('' for episodes without it, and for groupBy=none). */
  group: z.string(),
  /** Buckets with at least one episode, oldest first; empty buckets are left out. */
  points: z.array(episodeMetricsPointSchema),
});
export type EpisodeMetricsSeries = z.infer<typeof episodeMetricsSeriesSchema>;

export const episodeMetricsResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  intervalMs: z.number(),
  groupBy: z.enum(EPISODE_GROUP_BY),
  series: z.array(episodeMetricsSeriesSchema),
});
export type EpisodeMetricsResponse = z.infer<typeof episodeMetricsResponseSchema>;

export const episodeLabelValueSchema = z.object({
  value: z.string(),
  /** Start of the newest episode with this value, ISO 8601. */
  lastSeen: z.string(),
});
export type EpisodeLabelValue = z.infer<typeof episodeLabelValueSchema>;

export const episodeLabelValuesResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  label: z.enum(EPISODE_LABELS),
  /** Most recently seen first. */
  values: z.array(episodeLabelValueSchema),
});
export type EpisodeLabelValuesResponse = z.infer<typeof episodeLabelValuesResponseSchema>;
