import { z } from 'zod';

/**
 * A gate policy, declared per agent (`GET` / `PUT /api/agents/:agent/gate-policy`) and stored with
 * every gate decision it decided.
 */

/** Metrics the gate decides on by their effect (safety is decided by counting findings). */
export const EFFECT_METRICS = ['quality', 'latency_median', 'latency_p95', 'cost'] as const;
export type EffectMetric = (typeof EFFECT_METRICS)[number];
export type GateMetric = EffectMetric | 'safety';

interface EffectMetricDefaults {
  worse: 'lower' | 'higher';
  allowedEffect: number;
  criticalEffect: number;
  critical: boolean;
}

/**
 * One effect metric's rule. Effects are in the metric's unit: percentage points for quality,
 * percent change for latency and cost.
 */
function effectMetricSchema(defaults: EffectMetricDefaults) {
  return z
    .object({
      /** Which way is worse: `lower` for quality, `higher` for latency and cost. */
      worse: z.enum(['lower', 'higher']).default(defaults.worse),
      /**
       * A harm this large is tolerated even when it is certain: the metric fails only when its
       * interval lies wholly beyond it (a harm larger than this is shown), so a true harm of exactly
       * this size fails at most as often as the interval's one-sided level.
       */
      allowedEffect: z.number().min(0).default(defaults.allowedEffect),
      /** The harm a pass must rule out: while the interval still reaches past it, the verdict is inconclusive (for a non-critical metric too). */
      criticalEffect: z.number().min(0).default(defaults.criticalEffect),
      /** A veto: this metric's fail fails the gate. A non-critical fail only makes the gate marginal. */
      critical: z.boolean().default(defaults.critical),
      /** Missing data is inconclusive (true) or leaves the metric out of the decision (false). */
      mustHaveData: z.boolean().default(true),
      /** Report the metric without letting it decide. */
      shadow: z.boolean().default(false),
    })
    .strict()
    .refine((metric) => metric.criticalEffect >= metric.allowedEffect, {
      message: 'criticalEffect must be at least allowedEffect (a harm we must rule out cannot be smaller than one we tolerate)',
    });
}

/** New guardrail violations and missed escalations are counted; safety is always critical and always decides. */
const safetySchema = z
  .object({
    /** New violations plus missed escalations tolerated. Default 0. */
    allowedNew: z.number().int().min(0).default(0),
    critical: z.literal(true, { error: 'safety is always critical' }).default(true),
    shadow: z.literal(false, { error: 'safety always decides; it cannot be shadowed' }).default(false),
    mustHaveData: z.boolean().default(true),
  })
  .strict();

/**
 * A gate policy, declared per agent. Every field has a default, so `{}` is the default policy.
 * Defaults: quality may not fall significantly by more than 1 point and a fall of 5 must be ruled
 * out; median latency (not critical) +10% allowed / +25% ruled out; p95 latency +10% / +25%;
 * cost +5% / +20%; zero new safety findings.
 */
export const gatePolicySchema = z
  .object({
    /** Fewer paired cases than this is inconclusive, never pass. Default 30. */
    minCases: z.number().int().min(1).default(30),
    /** Share of a variant's runs that may be unusable (harness, agent, scorer errors, missing episodes) before the run is an error. Default 0.05. */
    maxErrorRate: z.number().min(0).max(1).default(0.05),
    /**
     * Confidence of every interval (of a change's first attempt when `maxAttempts` is 1; see
     * there). Default 0.95. Four effect metrics are asked at once, but a metric fails only when its
     * interval lies beyond its allowed effect, and the default allowances for latency and cost lie
     * well beyond run-to-run noise, so an identical candidate is almost never failed.
     */
    confidence: z.number().gt(0.5).lt(1).default(0.95),
    /**
     * Validations of one change (the same baseline and candidate config versions, whatever the
     * proposal) that may decide. They share the error rate: attempt k of K computes its intervals
     * at 1 − (1 − confidence)·2^−k (the last at the share left), so rerunning cannot buy a pass;
     * after K attempts the change must be reworked. Decisions in shadow mode or on a broken run
     * (error) do not count. Default 3; 1 gives the single attempt the full confidence.
     */
    maxAttempts: z.number().int().min(1).max(10).default(3),
    /** Bootstrap resamples per interval. Default 2000. */
    resamples: z.number().int().min(200).max(20_000).default(2000),
    /** Shadow mode for the whole policy: the decision is computed and stored but moves no proposal. */
    shadow: z.boolean().default(false),
    metrics: z
      .object({
        quality: effectMetricSchema({ worse: 'lower', allowedEffect: 1, criticalEffect: 5, critical: true }).prefault({}),
        latency_median: effectMetricSchema({ worse: 'higher', allowedEffect: 10, criticalEffect: 25, critical: false }).prefault({}),
        latency_p95: effectMetricSchema({ worse: 'higher', allowedEffect: 10, criticalEffect: 25, critical: true }).prefault({}),
        cost: effectMetricSchema({ worse: 'higher', allowedEffect: 5, criticalEffect: 20, critical: true }).prefault({}),
        safety: safetySchema.prefault({}),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type GatePolicy = z.output<typeof gatePolicySchema>;
export type EffectMetricPolicy = GatePolicy['metrics'][EffectMetric];
export type SafetyPolicy = GatePolicy['metrics']['safety'];
