// The collector HTTP API's wire types: zod schemas and the types inferred from them, shared by the
// collector's routes, the tracer's clients and the Grafana plugin. Exports added here are public.
export { idSchema, nameSchema, setIdSchema, tagSchema, versionSchema } from './fields.ts';
export {
  benchmarkResultSchema,
  registerRunSchema,
  reportResultsSchema,
  VARIANTS,
  type BenchmarkResult,
  type BenchmarkRun,
  type BenchmarkRunCase,
  type RegisteredBenchmarkRun,
  type Variant,
} from './benchmarkRuns.ts';
export { VERDICTS, type GateDecision, type Verdict } from './gateDecisions.ts';
export type { RolloutView } from './rollout.ts';
export {
  EPISODE_GROUP_BY,
  EPISODE_LABELS,
  episodeLabelValueSchema,
  episodeLabelValuesQuery,
  episodeLabelValuesResponseSchema,
  episodeMetricsPointSchema,
  episodeMetricsQuery,
  episodeMetricsResponseSchema,
  episodeMetricsSeriesSchema,
  timeParam,
} from './episodeMetrics.ts';
export type {
  EpisodeGroupBy,
  EpisodeLabel,
  EpisodeLabelValue,
  EpisodeLabelValuesQuery,
  EpisodeLabelValuesResponse,
  EpisodeMetricsPoint,
  EpisodeMetricsQuery,
  EpisodeMetricsResponse,
  EpisodeMetricsSeries,
} from './episodeMetrics.ts';
export {
  actionRequestSchema,
  auditEntrySchema,
  auditQuerySchema,
  promoteRequestSchema,
  REGRESSION_METRICS,
  regressionListSchema,
  regressionQuerySchema,
  regressionSchema,
  RELEASE_STATUSES,
  releaseActionResultSchema,
  releaseDetailSchema,
  releaseListQuerySchema,
  releaseListSchema,
  releasePolicySchema,
  releaseSchema,
  rollbackRequestSchema,
  stageSchema,
} from './releases.ts';
export type {
  AuditEntry,
  PromoteRequest,
  Regression,
  RegressionMetric,
  Release,
  ReleaseDetail,
  ReleasePolicy,
  ReleaseStatus,
  Stage,
} from './releases.ts';
