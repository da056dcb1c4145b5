import { z } from 'zod';
import { idSchema, setIdSchema } from '@trumpets/protocol/api';

export const VARIANTS = ['baseline', 'candidate'] as const;
export type Variant = (typeof VARIANTS)[number];

/** POST /api/validation-runs: the runner announces a pass before it starts, and gets the run id its episodes carry. */
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

const resultSchema = z
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
export type RunResult = z.infer<typeof resultSchema>;

/** POST /api/validation-runs/:runId/results: results in batches; reporting the same case and repeat again replaces it. */
export const reportResultsSchema = z.object({ results: z.array(resultSchema).min(1).max(5000) }).strict();
