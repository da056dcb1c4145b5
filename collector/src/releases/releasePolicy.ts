import { z } from 'zod';
import { REGRESSION_METRICS } from '../regressions/regressionMetrics.ts';

/**
 * How an agent's releases roll out, declared per agent (`PUT /api/agents/:agent/release-policy`).
 * Every field has a default, so `{}` is the default policy; it is stored complete, and each release
 * keeps the policy it started under.
 */
export const releasePolicySchema = z
  .object({
    /** Traffic share of each stage in percent, rising, the last 100. Default 5 → 25 → 50 → 100. */
    stages: z
      .array(z.number().gt(0).max(100))
      .min(1)
      .max(10)
      .default([5, 25, 50, 100])
      .refine((stages) => stages.every((share, i) => i === 0 || share > stages[i - 1]!), 'stages must rise')
      .refine((stages) => stages.at(-1) === 100, 'the last stage must be 100'),
    /** Least time a stage runs before it may advance by itself, in minutes. Default 60. */
    soakMinutes: z
      .number()
      .min(0)
      .max(7 * 24 * 60)
      .default(60),
    /** Episodes each variant (candidate and control) needs before a stage can be judged; fewer extends the stage. Default 200. */
    minEpisodesPerVariant: z.number().int().min(1).max(1_000_000).default(200),
    /** Advance a healthy stage by itself once its soak has passed with enough episodes. Default true. */
    autoAdvance: z.boolean().default(true),
    /** Roll back by itself on a regression of a deciding metric (and on a Grafana alert); otherwise pause and wait for a person. Default false. */
    autoRollback: z.boolean().default(false),
    /** Metrics whose regression pauses the rollout (others are reported only). Default: all. */
    regressionMetrics: z
      .array(z.enum(REGRESSION_METRICS))
      .min(1)
      .default([...REGRESSION_METRICS]),
    /** False-alarm probability per metric per stage, however often it is checked. Default 0.01 (about 5% across five metrics). */
    alpha: z.number().gt(0).max(0.2).default(0.01),
  })
  .strict();

export type ReleasePolicy = z.output<typeof releasePolicySchema>;
export const DEFAULT_RELEASE_POLICY: ReleasePolicy = releasePolicySchema.parse({});
