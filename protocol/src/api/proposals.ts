import { z } from 'zod';
import { idSchema } from './fields.ts';
import { metricVerdictSchema, VERDICTS } from './gateDecisions.ts';

/**
 * The proposals API (`/api/proposals`): the list and move requests the collector's routes check
 * and the answers the Grafana plugin parses.
 */

export const PROPOSAL_STATES = ['draft', 'validating', 'validated', 'rejected', 'promoted', 'withdrawn'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/** GET /api/proposals?agent=&state=&limit= */
export const proposalListQuery = z.object({
  agent: z.string().max(200).default(''),
  state: z.enum(PROPOSAL_STATES).or(z.literal('')).default(''),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** POST /api/proposals/:id/events: the moves people make by hand. */
export const moveProposalRequestSchema = z
  .object({ state: z.enum(['promoted', 'withdrawn']), reason: z.string().trim().min(1, 'say why').max(2000) })
  .strict();

/** POST /api/proposals/:id/validations: compare a proposal's baseline and candidate runs and decide (the answer is a GateDecision). */
export const validationRequestSchema = z
  .object({
    baselineRunId: idSchema,
    candidateRunId: idSchema,
    /** Decide even though some episodes have not arrived: they count as missing-episode errors. Default false. */
    allowMissingEpisodes: z.boolean().default(false),
  })
  .strict();
export type ValidationRequest = z.input<typeof validationRequestSchema>;

/** What a 409 to a validation adds when some of the runs' episodes are not stored yet: ask again after a while, or allow them missing. */
export interface EpisodesMissing {
  missingEpisodes: number;
  retryAfterSeconds: number;
}

const authorSchema = z.object({ kind: z.enum(['person', 'agent']), name: z.string() });

/** A proposal as created and read back: its one target, with the change or the new cases in full. */
export const proposalSchema = z.object({
  id: z.string(),
  agent: z.string(),
  state: z.enum(PROPOSAL_STATES),
  target: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('config'),
      /** A JSON Pointer into the config. */
      path: z.string(),
      baselineVersion: z.string(),
      candidateVersion: z.string(),
      before: z.json().nullable(),
      after: z.json().nullable(),
      /** The change adds the value at `path` (no before) or removes it (no after). */
      adds: z.boolean(),
      removes: z.boolean(),
    }),
    z.object({ kind: z.literal('benchmark_case'), setId: z.string(), cases: z.array(z.json()) }),
  ]),
  rationale: z.string(),
  author: authorSchema,
  failureClusterId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Proposal = z.infer<typeof proposalSchema>;

export const proposalEventSchema = z.object({
  state: z.enum(PROPOSAL_STATES),
  reason: z.string(),
  actor: z.string(),
  decisionId: z.string().nullable(),
  at: z.string(),
});
export type ProposalEvent = z.infer<typeof proposalEventSchema>;

/** GET /api/proposals/:id: the proposal, its history, and the latest gate decision in brief. */
export const proposalDetailSchema = proposalSchema.extend({
  history: z.array(proposalEventSchema),
  latestDecision: z
    .object({ id: z.string(), verdict: z.enum(VERDICTS), enforced: z.boolean(), reasons: z.array(z.string()), decidedAt: z.string() })
    .nullable(),
});
export type ProposalDetail = z.infer<typeof proposalDetailSchema>;

/** Per metric, what a scorecard row shows: the verdict, the effect and its interval. */
export const metricScoreSchema = metricVerdictSchema.pick({ metric: true, verdict: true, decides: true, sentence: true }).extend({
  estimate: z.number().nullable(),
  interval: z.tuple([z.number(), z.number()]).nullable(),
  unit: z.enum(['points', 'percent']).nullable(),
});
export type MetricScore = z.infer<typeof metricScoreSchema>;

/** One row of GET /api/proposals: the proposal in brief with its latest scores and verdicts. */
export const proposalSummarySchema = z.object({
  id: z.string(),
  agent: z.string(),
  state: z.enum(PROPOSAL_STATES),
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('config'), path: z.string() }),
    z.object({ kind: z.literal('benchmark_case'), setId: z.string() }),
  ]),
  baselineVersion: z.string().nullable(),
  candidateVersion: z.string().nullable(),
  rationale: z.string(),
  author: authorSchema,
  failureClusterId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  latestDecision: z
    .object({
      id: z.string(),
      verdict: z.enum(VERDICTS),
      enforced: z.boolean(),
      decidedAt: z.string(),
      metrics: z.array(metricScoreSchema),
    })
    .nullable(),
});
export type ProposalSummary = z.infer<typeof proposalSummarySchema>;

/** GET /api/proposals: newest first. */
export const proposalListSchema = z.object({ proposals: z.array(proposalSummarySchema) });
