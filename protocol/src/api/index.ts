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
