import { z } from 'zod';
import type { Regression } from '../../regressions/regressionRepository.ts';
import { idSchema, nameSchema, versionSchema } from '@trumpets/protocol/api';
import { releasePolicySchema } from '../releasePolicy.ts';

/**
 * The release API on the wire: request schemas (checked at the boundary) and answer types, shared
 * by the collector's routes, the tracer's release client and the Grafana plugin.
 */
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

/** One entry of the audit trail (and of a release's history). */
export interface AuditEntry {
  id: string;
  agent: string;
  releaseId: string | null;
  action: string;
  /** done (changed something), refused, noop (already so), pending (waits for a person), info. */
  outcome: 'done' | 'refused' | 'noop' | 'pending' | 'info';
  stageIndex: number;
  percent: number;
  actor: string;
  reason: string;
  details: Record<string, unknown>;
  at: string;
}

export interface StageView {
  index: number;
  percent: number;
  startedAt: string | null;
  /** The stage was extended because it had too little traffic to judge. */
  extended: boolean;
}

export interface ReleaseView {
  id: string;
  agent: string;
  configVersion: string;
  proposalId: string | null;
  decision: { id: string; verdict: string } | null;
  overrideReason: string | null;
  previousReleaseId: string | null;
  owner: string;
  reason: string;
  policy: z.output<typeof releasePolicySchema>;
  createdBy: string;
  createdAt: string;
  status: 'rolling_out' | 'paused' | 'released' | 'aborted' | 'rolled_back';
  /** The release serving everyone (the newest released one). */
  isStable: boolean;
  stageIndex: number;
  percent: number;
  stages: StageView[];
  releasedAt: string | null;
  pendingRollbacks: Array<{ id: string; reason: string; actor: string; at: string }>;
}

/** A regression as found: candidate − control on one metric, with its always-valid interval and sample sizes. */
export type RegressionView = Regression;

/** GET /api/releases/:id */
export interface ReleaseDetail extends ReleaseView {
  events: AuditEntry[];
  regressions: RegressionView[];
}
