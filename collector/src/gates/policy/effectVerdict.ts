/** The comparison turned so that positive is worse, whichever way the metric runs. */
export interface Harm {
  estimate: number;
  lower: number;
  upper: number;
}

export function harmOf(comparison: EffectComparison, worse: 'lower' | 'higher'): Harm {
  const [lower, upper] = comparison.interval;
  return worse === 'higher'
    ? { estimate: comparison.estimate, lower, upper }
    : { estimate: -comparison.estimate, lower: -upper, upper: -lower };
}

export interface EffectVerdict {
  verdict: Verdict;
  /** Why, in words that finish the metric's sentence. */
  reason: string;
}

/**
 * The rule, on the harm's interval at the policy's confidence (a = allowed, c = critical effect).
 * Both thresholds are read against the interval, never against the point estimate: a true harm of
 * exactly a is failed no more often than the interval's one-sided level, and a true harm of c
 * passes no more often than that.
 * - fail: a harm beyond a is shown (the interval lies above a);
 * - inconclusive: otherwise, while the interval still reaches past c: too few or too noisy cases to rule a critical harm out;
 * - marginal: a significant harm (interval above 0) that may exceed a (the interval reaches past it);
 * - pass: the interval stays within a, or there is no significant harm; either way a harm beyond c is ruled out.
 * Noise alone cannot fail a candidate, and a benchmark too small to see a critical harm cannot
 * pass one. A certain but tolerated harm (cost +2%, interval +1% to +3%, 5% allowed) passes: the
 * policy said it may.
 */
export function effectVerdict(harm: Harm, policy: EffectMetricPolicy, format: (effect: number) => string): EffectVerdict {
  const allowed = format(policy.allowedEffect);
  const critical = format(policy.criticalEffect);
  if ([harm.estimate, harm.lower, harm.upper].some(Number.isNaN))
    return { verdict: 'inconclusive', reason: 'the effect is undefined for these data (a level of zero on the baseline side)' };
  if (harm.lower > policy.allowedEffect) return { verdict: 'fail', reason: `significantly worse by more than the allowed ${allowed}` };
  if (harm.upper > policy.criticalEffect)
    return { verdict: 'inconclusive', reason: `a harm beyond the critical ${critical} is not ruled out; more cases are needed` };
  if (harm.lower > 0 && harm.upper > policy.allowedEffect)
    return {
      verdict: 'marginal',
      reason: `significantly worse; within the critical ${critical}, but more than the allowed ${allowed} is not ruled out`,
    };
  if (harm.lower > 0) return { verdict: 'pass', reason: `significantly worse, but within the allowed ${allowed}` };
  if (harm.upper < 0) return { verdict: 'pass', reason: 'significantly better' };
  return { verdict: 'pass', reason: `no significant harm, and a harm beyond ${critical} is ruled out` };
}
import type { EffectComparison, EffectMetricPolicy, Verdict } from '@trumpets/protocol/api';
