// `@trumpets/instrumentation/benchmark`: run a benchmark set as baseline and candidate, then ask the collector to validate.
// Exports added here are public.
export { runBenchmark } from './runBenchmark.ts';
export type { BenchmarkRunContext, BenchmarkRunSummary, RunBenchmarkOptions } from './runBenchmark.ts';
export { requestValidation } from './requestValidation.ts';
export type { RequestValidationOptions } from './requestValidation.ts';
export type { GateDecision, Verdict } from '@trumpets/protocol/api';
export { matchesReference } from './scorers.ts';
export type { Scorer, ScorerInput } from './scorers.ts';
export { CollectorApiError } from './collectorClient.ts';
export type { CollectorConnection } from './collectorClient.ts';
export type { BenchmarkProgress } from './progress.ts';
