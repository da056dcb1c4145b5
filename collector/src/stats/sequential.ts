import { normalCdf } from './normal.ts';

/**
 * Always-valid sequential tests: the normal-mixture sequential probability ratio test (mSPRT) of
 * Johari, Pekelis and Walsh ("Always Valid Inference"), whose two-sided boundary is the confidence
 * sequence of Howard et al. (2021, eq. 14). The evidence is an e-value: under "no difference" the
 * chance that it EVER reaches 1/α, however often it is looked at, is at most α. So the same data
 * can be checked every minute and a stage's test can be re-evaluated as episodes arrive.
 *
 * Every statistic here takes an estimate (candidate − control) with its variance, so one machinery
 * serves rates, means of log-latency and log-ratios of cost; `tau` is the smallest effect that
 * matters, in the estimate's unit (the mixture's spread).
 */
export interface Estimate {
  /** candidate − control, in the metric's unit. */
  effect: number;
  /** Variance of `effect`; 0 or not finite means there is nothing to judge yet. */
  variance: number;
}

export interface SequentialEvidence {
  /** The mixture likelihood ratio: alarm once it reaches 1/α. 1 when there is no data. */
  eValue: number;
  /** `effect / √variance`. */
  z: number;
}

/**
 * One-sided evidence that the candidate is worse: the mixture over harmful effects only (a
 * half-normal with scale `tau`), so improvements never raise an alarm. `worse: 'lower'` for
 * success rates, `'higher'` for latency, cost and escalation rates.
 */
export function harmEvidence(estimate: Estimate, tau: number, worse: 'lower' | 'higher'): SequentialEvidence {
  const { effect, variance } = estimate;
  if (!(variance > 0) || !Number.isFinite(variance)) return { eValue: 1, z: 0 };
  const z = effect / Math.sqrt(variance);
  const r = (tau * tau) / variance;
  const signed = worse === 'lower' ? -z : z;
  const shrink = Math.sqrt(r / (1 + r));
  const logE = Math.log(2) - 0.5 * Math.log1p(r) + (z * z * r) / (2 * (1 + r)) + Math.log(Math.max(normalCdf(signed * shrink), 1e-300));
  return { eValue: Math.exp(Math.min(logE, 700)), z };
}

/**
 * The two-sided confidence sequence around `effect` at level 1 − α: it covers the true effect at
 * every look at once with probability 1 − α. Infinite when there is no data.
 */
export function confidenceSequence(estimate: Estimate, tau: number, alpha: number): { lower: number; upper: number } {
  const { effect, variance } = estimate;
  if (!(variance > 0) || !Number.isFinite(variance)) return { lower: -Infinity, upper: Infinity };
  const t2 = tau * tau;
  const radius = Math.sqrt(((variance * (variance + t2)) / t2) * (2 * Math.log(1 / alpha) + Math.log((variance + t2) / variance)));
  return { lower: effect - radius, upper: effect + radius };
}

/** Successes out of trials, per arm. */
export interface Proportion {
  successes: number;
  trials: number;
}

/**
 * Difference of two proportions with the variance under "no difference" (pooled, with one pseudo
 * success and one failure so a 0% or 100% start is not read as certainty). The null variance keeps
 * the false-alarm rate at α with unequal arms (a 5% canary against 95%).
 */
export function proportionDifference(candidate: Proportion, control: Proportion): Estimate {
  if (candidate.trials === 0 || control.trials === 0) return { effect: 0, variance: 0 };
  const pooled = (candidate.successes + control.successes + 1) / (candidate.trials + control.trials + 2);
  return {
    effect: candidate.successes / candidate.trials - control.successes / control.trials,
    variance: pooled * (1 - pooled) * (1 / candidate.trials + 1 / control.trials),
  };
}

/** Count, mean and (unbiased) variance of one arm's values. */
export interface Moments {
  n: number;
  mean: number;
  variance: number;
}

/** Difference of means with Welch's variance (e.g. of log-latency, so the effect is a log ratio of geometric means). */
export function meanDifference(candidate: Moments, control: Moments): Estimate {
  if (candidate.n < 2 || control.n < 2) return { effect: 0, variance: 0 };
  return { effect: candidate.mean - control.mean, variance: candidate.variance / candidate.n + control.variance / control.n };
}

/** log(mean_candidate / mean_control) with the delta-method variance (e.g. cost per episode: +20% is log 1.2). */
export function logRatioOfMeans(candidate: Moments, control: Moments): Estimate {
  if (candidate.n < 2 || control.n < 2 || !(candidate.mean > 0) || !(control.mean > 0)) return { effect: 0, variance: 0 };
  return {
    effect: Math.log(candidate.mean / control.mean),
    variance: candidate.variance / (candidate.n * candidate.mean ** 2) + control.variance / (control.n * control.mean ** 2),
  };
}

/** Rate ratios the rare-event mixture averages over: a 25% rise to a fivefold one. */
const RATE_RATIOS = [1.25, 1.5, 2, 3, 4, 5] as const;

/**
 * Evidence that rare events (safety flags) are more frequent on the candidate: given N events in
 * total, the candidate's count is Binomial(N, share) when nothing changed, where `share` is the
 * candidate's measured share of traffic. The mixture averages the likelihood ratio over rate ratios
 * from 1.25 to 5, so detection goes by events, not hours.
 */
export function rareEventEvidence(candidateEvents: number, controlEvents: number, candidateShare: number): SequentialEvidence {
  const total = candidateEvents + controlEvents;
  if (total === 0 || !(candidateShare > 0 && candidateShare < 1)) return { eValue: 1, z: 0 };
  let sum = 0;
  for (const ratio of RATE_RATIOS) {
    const p = (candidateShare * ratio) / (candidateShare * ratio + 1 - candidateShare);
    sum += Math.exp(candidateEvents * Math.log(p / candidateShare) + controlEvents * Math.log((1 - p) / (1 - candidateShare)));
  }
  const expected = total * candidateShare;
  return { eValue: sum / RATE_RATIOS.length, z: (candidateEvents - expected) / Math.sqrt(expected * (1 - candidateShare)) };
}

/** Moments of a list of values (for tests and simulations; the store computes them in SQL). */
export function momentsOf(values: readonly number[]): Moments {
  const n = values.length;
  if (n === 0) return { n: 0, mean: 0, variance: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n < 2 ? 0 : values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { n, mean, variance };
}
