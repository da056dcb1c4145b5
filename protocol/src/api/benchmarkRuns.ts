import { z } from 'zod';
import { idSchema, setIdSchema } from './fields.ts';

export const VARIANTS = ['baseline', 'candidate'] as const;
export type Variant = (typeof VARIANTS)[number];

/** POST /api/benchmark-runs: the runner announces a pass before it starts, and gets the run id its episodes carry. */
export const registerRunSchema = z
  .object({
    proposalId: idSchema,
    variant: z.enum(VARIANTS),
    setId: setIdSchema,
    /** Default: the set's newest version. Both runs of a comparison must use the same one. */
    setVersion: z.number().int().min(1).optional(),
    /** Runs per case; repeats let flaky cases show as flaky instead of as noise. Default 1. */
    repeats: z.number().int().min(1).max(20).default(1),
  })
  .strict();

export const benchmarkResultSchema = z
  .object({
    caseId: z.string().min(1).max(100),
    repeat: z.number().int().min(0),
    /** The episode the run produced (its trace id); null when the harness failed before one started. */
    episodeId: z
      .string()
      .regex(/^[0-9a-f]{32}$/, 'must be an episode id (32 lowercase hex characters)')
      .nullable(),
    /** The scorer's grade from 0 to 1; null: the episode's own outcome decides (success = 1). */
    score: z.number().min(0).max(1).nullable().default(null),
    /** Why this run is unusable: the harness, the agent (it threw) or the scorer failed. */
    error: z
      .object({ kind: z.enum(['harness', 'agent', 'scorer']), message: z.string().max(2000) })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();
export type BenchmarkResult = z.infer<typeof benchmarkResultSchema>;

/** POST /api/benchmark-runs/:runId/results: results in batches; reporting the same case and repeat again replaces it. */
export const reportResultsSchema = z.object({ results: z.array(benchmarkResultSchema).min(1).max(5000) }).strict();

/** A benchmark run as the collector keeps it: GET /api/benchmark-runs/:runId. */
export interface BenchmarkRun {
  runId: string;
  proposalId: string;
  agent: string;
  variant: Variant;
  configVersion: string;
  setId: string;
  setVersion: number;
  repeats: number;
  expectedRuns: number;
  reported: number;
  errors: number;
  createdBy: string;
  createdAt: string;
}

/** One frozen case of the run's set, as the runner gets it. */
export interface BenchmarkRunCase {
  caseId: string;
  input: unknown;
  reference: unknown;
  tags: string[];
  workflow: string;
}

/** The answer to POST /api/benchmark-runs: the run, the exact config to run and the cases. */
export interface RegisteredBenchmarkRun extends BenchmarkRun {
  config: unknown;
  cases: BenchmarkRunCase[];
}
