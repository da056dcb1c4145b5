import { z } from 'zod';
import { idSchema, nameSchema, versionSchema } from './fields.ts';

/**
 * The release API (`/api/releases`, `/api/audit`, `/api/regressions`, an agent's release policy
 * and rollout): the requests the collector's routes check and the answers the Grafana plugin and
 * the tracer's release client parse.
 */

/**
 * What regression detection watches (the collector holds each one's direction and smallest effect
 * that matters): success_rate, escalation_rate, latency (mean log-latency), p95_latency (share
 * slower than the control's p95), cost (log ratio of mean cost), safety (safety-flagged episodes).
 */
export const REGRESSION_METRICS = ['success_rate', 'escalation_rate', 'latency', 'p95_latency', 'cost', 'safety'] as const;
export type RegressionMetric = (typeof REGRESSION_METRICS)[number];

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

const reasonSchema = z.string().trim().min(1, 'say why').max(2000);

/** POST /api/releases: promote a proposal, or (an agent's first release) a config version. */
export const promoteRequestSchema = z
  .object({
    agent: nameSchema,
    proposalId: idSchema.optional(),
    configVersion: versionSchema.optional(),
    owner: nameSchema,
    reason: reasonSchema,
    /** Release although the latest gate decision is not pass or marginal; the reason is recorded. */
    override: z
      .object({ reason: z.string().max(2000) })
      .strict()
      .optional(),
    /** This release's rollout, laid over the agent's release policy (e.g. other stages). */
    rollout: z.object(releasePolicySchema.shape).partial().strict().optional(),
  })
  .strict()
  .refine((body) => (body.proposalId === undefined) !== (body.configVersion === undefined), {
    message: 'send either proposalId (a validated proposal) or configVersion (an agent’s first release)',
  });
export type PromoteRequest = z.output<typeof promoteRequestSchema>;

/** POST /api/releases/:id/{advance,pause,resume,abort}. */
export const actionRequestSchema = z.object({ reason: reasonSchema }).strict();

/** POST /api/releases/:id/rollback; `pendingId` confirms a rollback an alert asked for. */
export const rollbackRequestSchema = z.object({ reason: reasonSchema, pendingId: idSchema.optional() }).strict();

export const releaseListQuerySchema = z.object({ agent: nameSchema });

export const auditQuerySchema = z.object({
  agent: z.string().max(200).default(''),
  /** ISO 8601 or milliseconds since the epoch. Default: 30 days ago. */
  from: z.union([z.iso.datetime({ offset: true }), z.coerce.number().int()]).optional(),
  to: z.union([z.iso.datetime({ offset: true }), z.coerce.number().int()]).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

export const regressionQuerySchema = z.object({ agent: nameSchema, release: idSchema.optional() });

export const RELEASE_STATUSES = ['rolling_out', 'paused', 'released', 'aborted', 'rolled_back'] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

/** One entry of the audit trail (and of a release's history). */
export const auditEntrySchema = z.object({
  id: z.string(),
  agent: z.string(),
  releaseId: z.string().nullable(),
  action: z.string(),
  /** done (changed something), refused, noop (already so), pending (waits for a person), info. */
  outcome: z.enum(['done', 'refused', 'noop', 'pending', 'info']),
  stageIndex: z.number(),
  percent: z.number(),
  actor: z.string(),
  reason: z.string(),
  details: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const stageSchema = z.object({
  index: z.number(),
  percent: z.number(),
  startedAt: z.string().nullable(),
  /** The stage was extended because it had too little traffic to judge. */
  extended: z.boolean(),
});
export type Stage = z.infer<typeof stageSchema>;

export const releaseSchema = z.object({
  id: z.string(),
  agent: z.string(),
  configVersion: z.string(),
  proposalId: z.string().nullable(),
  decision: z.object({ id: z.string(), verdict: z.string() }).nullable(),
  overrideReason: z.string().nullable(),
  previousReleaseId: z.string().nullable(),
  owner: z.string(),
  reason: z.string(),
  /** The release policy in force when the release was made, complete. */
  policy: releasePolicySchema,
  createdBy: z.string(),
  createdAt: z.string(),
  status: z.enum(RELEASE_STATUSES),
  /** The release serving everyone (the newest released one). */
  isStable: z.boolean(),
  stageIndex: z.number(),
  /** Share of traffic the release serves now, in percent. */
  percent: z.number(),
  stages: z.array(stageSchema),
  releasedAt: z.string().nullable(),
  pendingRollbacks: z.array(z.object({ id: z.string(), reason: z.string(), actor: z.string(), at: z.string() })),
});
export type Release = z.infer<typeof releaseSchema>;

/** GET /api/releases?agent=: newest first. */
export const releaseListSchema = z.object({ releases: z.array(releaseSchema) });
export type ReleaseList = z.infer<typeof releaseListSchema>;

/** POST /api/releases/:id/<action>: the release after the action, and whether the action changed it. */
export const releaseActionResultSchema = releaseSchema.extend({ changed: z.boolean() });

/** A regression as found: candidate − control on one metric, with its always-valid interval and sample sizes. */
export const regressionSchema = z.object({
  id: z.string(),
  agent: z.string(),
  releaseId: z.string(),
  controlReleaseId: z.string(),
  stageIndex: z.number(),
  percent: z.number(),
  metric: z.enum(REGRESSION_METRICS),
  effect: z.number(),
  interval: z.object({ lower: z.number(), upper: z.number() }),
  eValue: z.number(),
  alpha: z.number(),
  candidateEpisodes: z.number(),
  controlEpisodes: z.number(),
  summary: z.string(),
  detectedAt: z.string(),
});
export type Regression = z.infer<typeof regressionSchema>;

/** GET /api/regressions?agent=&release= */
export const regressionListSchema = z.object({ regressions: z.array(regressionSchema) });

/** GET /api/releases/:id */
export const releaseDetailSchema = releaseSchema.extend({ events: z.array(auditEntrySchema), regressions: z.array(regressionSchema) });
export type ReleaseDetail = z.infer<typeof releaseDetailSchema>;
