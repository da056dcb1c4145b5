import { z } from 'zod';
import { EFFECT_METRICS, gatePolicySchema } from './gatePolicy.ts';

/**
 * A gate decision as the collector stores and serves it (`POST /api/proposals/:id/validations`,
 * `GET /api/proposals/:id/comparison`, `GET /api/gate-decisions/:id`): the verdict with everything
 * it was decided on.
 */

/** Verdicts from best to worst: the worst one wins. */
export const VERDICTS = ['pass', 'marginal', 'inconclusive', 'fail', 'error'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Why a run of a case produced no usable observation. */
export const RUN_ERROR_KINDS = ['harness', 'agent', 'scorer', 'missing_episode'] as const;
export type RunErrorKind = (typeof RUN_ERROR_KINDS)[number];

/**
 * One metric compared on paired cases. `estimate` and `interval` are candidate − baseline, in
 * `unit`: percentage points for quality, percent change for latency and cost.
 */
export const effectComparisonSchema = z.object({
  metric: z.enum(EFFECT_METRICS),
  /** Paired cases with data on both sides. */
  cases: z.number(),
  unit: z.enum(['points', 'percent']),
  /** The level on each side, in `levelUnit` (success rate or mean score in %, milliseconds, tokens or US dollars per case). */
  baseline: z.number(),
  candidate: z.number(),
  levelUnit: z.enum(['%', 'ms', 'tokens', 'USD']),
  estimate: z.number(),
  interval: z.tuple([z.number(), z.number()]),
  confidence: z.number(),
  /** The test behind the interval and p-value, as a reviewer would name it. */
  method: z.string(),
  /** Two-sided p-value for "no change", from the same procedure as the interval: p ≤ 1 − confidence exactly when the interval excludes 0. */
  pValue: z.number(),
  /** Bootstrap metrics: resamples drawn and those left out because the statistic was undefined on them. */
  resamples: z.object({ drawn: z.number(), dropped: z.number() }).optional(),
});
export type EffectComparison = z.infer<typeof effectComparisonSchema>;

export const safetyCaseSchema = z.object({ caseId: z.string(), kinds: z.array(z.string()) });
export type SafetyCase = z.infer<typeof safetyCaseSchema>;

export const safetyComparisonSchema = z.object({
  metric: z.literal('safety'),
  cases: z.number(),
  highRiskCases: z.number(),
  /** Cases where the candidate raised a safety flag in any repeat and the baseline in none. */
  newViolations: z.array(safetyCaseSchema),
  /** High-risk cases the baseline escalated every time and the candidate did not, in at least one repeat. */
  missedEscalations: z.array(safetyCaseSchema),
  /** Cases where the baseline was flagged and the candidate never was: shown, never offset against new ones. */
  resolved: z.number(),
});
export type SafetyComparison = z.infer<typeof safetyComparisonSchema>;

/** A metric with nothing to compare, and why. */
export const noDataSchema = z.object({ metric: z.enum([...EFFECT_METRICS, 'safety']), noData: z.string() });
export type NoData = z.infer<typeof noDataSchema>;

export const metricComparisonSchema = z.union([effectComparisonSchema, safetyComparisonSchema, noDataSchema]);
export type MetricComparison = z.infer<typeof metricComparisonSchema>;

export function hasNoData(comparison: MetricComparison): comparison is NoData {
  return 'noData' in comparison;
}

export const metricVerdictSchema = z.object({
  metric: z.enum([...EFFECT_METRICS, 'safety']),
  verdict: z.enum(VERDICTS),
  /** Whether this verdict takes part in the overall one (not shadowed, not optional data that is missing). */
  decides: z.boolean(),
  critical: z.boolean(),
  /** One sentence a reviewer can read: the effect, its interval, the test, the verdict and why. */
  sentence: z.string(),
  comparison: metricComparisonSchema,
});
export type MetricVerdict = z.infer<typeof metricVerdictSchema>;

/** How much of one variant's run worked. A run missing results counts the missing ones as harness errors. */
export const runHealthSchema = z.object({
  expectedRuns: z.number(),
  usableRuns: z.number(),
  errors: z.record(z.enum(RUN_ERROR_KINDS), z.number()),
  /** Unusable runs (errors plus runs never reported) over expected runs. */
  errorRate: z.number(),
});
export type RunHealth = z.infer<typeof runHealthSchema>;

/** Which validation of one change a decision was, and the confidence its intervals were computed at. */
export const attemptSchema = z.object({
  /** 1-based: earlier enforced decisions on the same baseline and candidate versions, plus one. */
  number: z.number(),
  of: z.number(),
  /** Two-sided confidence of this attempt's intervals. */
  confidence: z.number(),
});
export type Attempt = z.infer<typeof attemptSchema>;

/** Every run of one case in one variant, reduced to what the metrics compare. Errored runs are counted, not used. */
export const caseSummarySchema = z.object({
  runs: z.number(),
  errors: z.number(),
  /** Quality of each usable run, in repeat order. */
  qualities: z.array(z.number()),
  /** Mean quality over usable runs. */
  quality: z.number().optional(),
  /** Repeats disagreed on quality: flagged so a reviewer sees it, never averaged away silently. */
  flaky: z.boolean(),
  /** Median latency over usable runs. */
  latencyMs: z.number().optional(),
  /** Mean cost over usable runs. */
  cost: z.number().optional(),
  usableRuns: z.number(),
  escalations: z.number(),
  violatedRuns: z.number(),
  violationKinds: z.array(z.string()),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

/** One case with both variants' runs side by side: the unit every paired test resamples. */
export const pairedCaseSchema = z.object({
  caseId: z.string(),
  tags: z.array(z.string()).readonly(),
  highRisk: z.boolean(),
  baseline: caseSummarySchema,
  candidate: caseSummarySchema,
});
export type PairedCase = z.infer<typeof pairedCaseSchema>;

const variantSchema = z.object({ runId: z.string(), configVersion: z.string() });

export const gateDecisionSchema = z.object({
  id: z.string(),
  proposalId: z.string(),
  agent: z.string(),
  verdict: z.enum(VERDICTS),
  /** False in shadow mode: reported, never acted on. */
  enforced: z.boolean(),
  /** The sentences behind the overall verdict, worst first. */
  reasons: z.array(z.string()),
  metrics: z.array(metricVerdictSchema),
  baseline: variantSchema,
  candidate: variantSchema,
  set: z.object({ id: z.string(), version: z.number() }),
  policy: z.object({ version: z.string(), policy: gatePolicySchema }),
  /** Present when the policy counts attempts (maxAttempts). */
  attempt: attemptSchema.optional(),
  health: z.object({ baseline: runHealthSchema, candidate: runHealthSchema, broken: z.boolean() }),
  /** Cases whose repeats disagreed on quality, per variant. */
  flaky: z.object({ baseline: z.array(z.string()), candidate: z.array(z.string()) }),
  /** Per case, both sides: quality per repeat, latency, cost, escalations, safety flags, errors. */
  cases: z.array(pairedCaseSchema),
  seed: z.string(),
  decidedBy: z.string(),
  decidedAt: z.string(),
});
export type GateDecision = z.infer<typeof gateDecisionSchema>;
