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
export {
  attemptSchema,
  caseSummarySchema,
  effectComparisonSchema,
  gateDecisionSchema,
  hasNoData,
  metricComparisonSchema,
  metricVerdictSchema,
  noDataSchema,
  pairedCaseSchema,
  RUN_ERROR_KINDS,
  runHealthSchema,
  safetyCaseSchema,
  safetyComparisonSchema,
  VERDICTS,
} from './gateDecisions.ts';
export type {
  Attempt,
  CaseSummary,
  EffectComparison,
  GateDecision,
  MetricComparison,
  MetricVerdict,
  NoData,
  PairedCase,
  RunErrorKind,
  RunHealth,
  SafetyCase,
  SafetyComparison,
  Verdict,
} from './gateDecisions.ts';
export {
  addCasesSchema,
  benchmarkCaseSchema,
  CASE_ORIGINS,
  createSetSchema,
  drawRuleSchema,
  manualCaseSchema,
  setDetailSchema,
  setVersionSchema,
} from './benchmarkSets.ts';
export type { BenchmarkCase, CaseOrigin, DrawRule, ManualCase, SetDetail, SetVersion } from './benchmarkSets.ts';
export { configSummarySchema, registerConfigRequestSchema, registeredConfigSchema, storedConfigSchema } from './configs.ts';
export type { ConfigSummary, RegisterConfigRequest, RegisteredConfig, StoredConfig } from './configs.ts';
export { EFFECT_METRICS, gatePolicySchema } from './gatePolicy.ts';
export type { EffectMetric, EffectMetricPolicy, GateMetric, GatePolicy, SafetyPolicy } from './gatePolicy.ts';
export {
  metricScoreSchema,
  moveProposalRequestSchema,
  PROPOSAL_STATES,
  proposalDetailSchema,
  proposalEventSchema,
  proposalListQuery,
  proposalListSchema,
  proposalSchema,
  proposalSummarySchema,
  validationRequestSchema,
} from './proposals.ts';
export type {
  EpisodesMissing,
  MetricScore,
  Proposal,
  ProposalDetail,
  ProposalEvent,
  ProposalState,
  ProposalSummary,
  ValidationRequest,
} from './proposals.ts';
export {
  FAILURE_MODE_SORT_KEYS,
  FAILURE_MODE_STATUSES,
  failureModeDetailQuery,
  failureModeDetailSchema,
  failureModeListQuery,
  failureModeListSchema,
  failureModeSummarySchema,
  failureViewSchema,
  timelinePointSchema,
} from './failureModes.ts';
export type {
  FailureModeDetail,
  FailureModeDetailQuery,
  FailureModeList,
  FailureModeListQuery,
  FailureModeSortKey,
  FailureModeStatus,
  FailureModeSummary,
  FailureView,
  TimelinePoint,
} from './failureModes.ts';
export { episodeSchema, episodeSourceSchema, episodeToolCallSchema } from './episodes.ts';
export type { Episode, EpisodeSource, EpisodeToolCall } from './episodes.ts';
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
  ReleaseList,
  ReleasePolicy,
  ReleaseStatus,
  Stage,
} from './releases.ts';
