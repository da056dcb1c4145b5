import { z } from 'zod';

/**
 * The collector's read API as this plugin reads it. Parsed at the boundary so a collector of
 * another version fails with a message naming the field, not with a blank panel.
 */

const verdict = z.enum(['pass', 'marginal', 'inconclusive', 'fail', 'error']);
export type Verdict = z.infer<typeof verdict>;

export const failureModeSchema = z.object({
  id: z.string(),
  label: z.string(),
  category: z.string(),
  workflow: z.string(),
  tool: z.string(),
  errorType: z.string(),
  status: z.string(),
  failures: z.number(),
  recentFailures: z.number(),
  previousFailures: z.number(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  agents: z.array(z.string()),
  versions: z.array(z.string()),
});
export type FailureMode = z.infer<typeof failureModeSchema>;

export const failureModeListSchema = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number(),
  failureModes: z.array(failureModeSchema),
});

const timelinePoint = z.object({ time: z.string(), failures: z.number() });
const example = z.object({
  failureId: z.string(),
  episodeId: z.string(),
  agent: z.string(),
  agentVersion: z.string(),
  tool: z.string(),
  text: z.string(),
  occurredAt: z.string(),
});

export const failureModeDetailSchema = failureModeSchema.extend({
  timeline: z.object({ hourly: z.array(timelinePoint), daily: z.array(timelinePoint) }),
  examples: z.array(example),
});
export type FailureModeDetail = z.infer<typeof failureModeDetailSchema>;

export const episodeSchema = z.object({
  episodeId: z.string(),
  agent: z.string(),
  version: z.string(),
  workflow: z.string(),
  releaseId: z.string(),
  outcome: z.string(),
  errorType: z.string(),
  errorMessage: z.string(),
  startTime: z.string(),
  latencyMs: z.number(),
  input: z.string(),
  output: z.string(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  llmCallCount: z.number(),
  tools: z.array(
    z.object({
      name: z.string(),
      status: z.string(),
      errorType: z.string(),
      errorMessage: z.string(),
      startTime: z.string(),
      durationMs: z.number(),
    }),
  ),
  sources: z.array(z.object({ uri: z.string(), tag: z.string(), score: z.number().nullable(), origin: z.string() })),
});
export type Episode = z.infer<typeof episodeSchema>;

const author = z.object({ kind: z.string(), name: z.string() });
export const proposalSchema = z.object({
  id: z.string(),
  agent: z.string(),
  state: z.string(),
  rationale: z.string(),
  author,
  failureClusterId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  target: z
    .object({
      kind: z.string(),
      path: z.string().optional(),
      baselineVersion: z.string().optional(),
      candidateVersion: z.string().optional(),
    })
    .loose(),
  latestDecision: z.object({ verdict }).nullable().optional(),
});
export type Proposal = z.infer<typeof proposalSchema>;
export const proposalListSchema = z.object({ proposals: z.array(proposalSchema) });

const proposalEvent = z.object({
  state: z.string(),
  reason: z.string(),
  actor: z.string(),
  decisionId: z.string().nullable(),
  at: z.string(),
});
export const proposalDetailSchema = proposalSchema.extend({
  history: z.array(proposalEvent),
  latestDecision: z
    .object({ id: z.string(), verdict, enforced: z.boolean(), reasons: z.array(z.string()), decidedAt: z.string() })
    .nullable(),
});
export type ProposalDetail = z.infer<typeof proposalDetailSchema>;

/** One metric of a gate decision: either an effect with its interval, the safety tally, or why there is no data. */
const comparison = z
  .object({
    metric: z.string(),
    noData: z.string().optional(),
    cases: z.number().optional(),
    unit: z.enum(['points', 'percent']).optional(),
    baseline: z.number().optional(),
    candidate: z.number().optional(),
    levelUnit: z.string().optional(),
    estimate: z.number().optional(),
    interval: z.tuple([z.number(), z.number()]).optional(),
    confidence: z.number().optional(),
    method: z.string().optional(),
    newViolations: z.array(z.unknown()).optional(),
    missedEscalations: z.array(z.unknown()).optional(),
  })
  .loose();
export const metricVerdictSchema = z.object({
  metric: z.string(),
  verdict,
  decides: z.boolean(),
  critical: z.boolean(),
  sentence: z.string(),
  comparison,
});
export type MetricVerdict = z.infer<typeof metricVerdictSchema>;

export const gateDecisionSchema = z
  .object({
    id: z.string(),
    proposalId: z.string(),
    agent: z.string(),
    verdict,
    enforced: z.boolean(),
    reasons: z.array(z.string()),
    metrics: z.array(metricVerdictSchema),
    baseline: z.object({ configVersion: z.string() }).loose(),
    candidate: z.object({ configVersion: z.string() }).loose(),
    decidedAt: z.string(),
  })
  .loose();
export type GateDecision = z.infer<typeof gateDecisionSchema>;
