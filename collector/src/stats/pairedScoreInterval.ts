import { normalQuantile, twoSidedNormalP } from './normal.ts';

/**
 * Paired outcomes of n cases run on both variants, summarised by what changed: `lost` (the
 * candidate did worse on the case) and `gained`. Whole cases for pass/fail outcomes; fractions of
 * a case for graded or repeated scores (a case going from 1 to 2/3 is a third of a lost case).
 */
export interface PairedChangeCounts {
  n: number;
  lost: number;
  gained: number;
}

export interface PairedScoreResult {
  /** Interval for the difference in success rate (candidate − baseline), as fractions. */
  interval: [number, number];
  /** Two-sided p-value for "no difference", from the same test the interval inverts. */
  pValue: number;
}

/**
 * Tango's score interval is slightly liberal at some nuisance values: in exact enumeration at the
 * critical 5-point harm its one-sided level reached 2.6% against a nominal 2.5%. Each bound is
 * therefore taken at this share of the nominal one-sided level (2.35% for a 95% interval), which
 * keeps it at or below 2.5% for n = 30, 100 and 200 (see pairedScoreInterval.test.ts), and
 * p-values are divided by it, so that "p ≤ α" and "the interval excludes 0" stay the same statement.
 */
export const SCORE_LEVEL_CALIBRATION = 0.94;

/**
 * The paired score test and the interval that inverts it (Tango 1998): for a hypothesised
 * difference Δ₀ the variance of the mean difference is taken at the constrained maximum-likelihood
 * rates under Δ₀, not at the observed ones. That is what keeps a benchmark in which few cases
 * changed from claiming certainty (the interval with nothing changed is ±z²/(n + z²), never zero
 * width), and at Δ₀ = 0 the statistic is McNemar's, (gained − lost)/√(gained + lost).
 *
 * Fractional counts read each case's score difference d ∈ [−1, 1] as a probability |d| of a whole
 * lost or gained case. A whole case has the largest variance a difference with that mean absolute
 * value can have (d² ≤ |d|), so graded or flaky scores get an interval at least as wide as the
 * same amount of change in whole cases, and a case that gets worse always moves the interval down.
 */
export function pairedScoreInterval(counts: PairedChangeCounts, confidence: number): PairedScoreResult {
  const { n, lost, gained } = counts;
  const oneSided = ((1 - confidence) / 2) * SCORE_LEVEL_CALIBRATION;
  const z = normalQuantile(1 - oneSided);
  const estimate = (gained - lost) / n;
  // The score falls as Δ₀ rises: each bound is where it crosses ±z, found by bisection.
  const lower = boundary((delta) => pairedScore(counts, delta) <= z, estimate, -1);
  const upper = boundary((delta) => pairedScore(counts, delta) >= -z, estimate, 1);
  const rawP = twoSidedNormalP(pairedScore(counts, 0));
  return { interval: [lower, upper], pValue: Math.min(1, rawP / SCORE_LEVEL_CALIBRATION) };
}

/** Tango's score statistic for H₀: p_gained − p_lost = Δ₀. */
export function pairedScore({ n, lost, gained }: PairedChangeCounts, delta: number): number {
  const b = -(gained + lost) + delta * (2 * n - gained + lost);
  const c = -lost * delta * (1 - delta);
  const lostRate = (-b + Math.sqrt(Math.max(0, b * b - 8 * n * c))) / (4 * n);
  const variance = 2 * lostRate + delta - delta * delta;
  const numerator = gained - lost - n * delta;
  if (!(variance > 1e-15)) return numerator === 0 ? 0 : numerator > 0 ? Infinity : -Infinity;
  return numerator / Math.sqrt(n * variance);
}

/**
 * The last value from `inside` towards `outside` that `accepted` holds for (the test does not
 * reject it), by bisection: every reported bound is a value the test accepts.
 */
function boundary(accepted: (delta: number) => boolean, inside: number, outside: number): number {
  if (accepted(outside)) return outside;
  let within = inside;
  let beyond = outside;
  for (let step = 0; step < 100 && Math.abs(beyond - within) > 1e-12; step++) {
    const middle = (within + beyond) / 2;
    if (accepted(middle)) within = middle;
    else beyond = middle;
  }
  return within;
}
