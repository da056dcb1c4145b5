import type { Random } from './random.ts';

export interface BootstrapOptions {
  /** Resamples drawn. 2000 keeps the tails of a 99% percentile interval stable to about a tenth of its width. */
  resamples: number;
  confidence: number;
  random: Random;
}

export interface BootstrapResult {
  /** Percentile interval of the statistic over resamples. */
  interval: [number, number];
  /**
   * Two-sided bootstrap p-value for "the statistic is 0": twice the share of resamples on the far
   * side of 0 from the estimate. Approximate, and never below 1 / resamples.
   */
  pValue: number;
}

/**
 * The paired bootstrap: resample whole cases with replacement, so each resample keeps every
 * case's baseline and candidate together and the case-to-case spread (easy vs hard cases) cancels
 * out of the difference, which is what makes the paired design more sensitive than comparing two
 * independent samples. `statistic` reads the cases at the given indices; it is called once per
 * resample with a reused index buffer.
 */
export function pairedBootstrap(n: number, statistic: (indices: Uint32Array) => number, options: BootstrapOptions): BootstrapResult {
  const indices = new Uint32Array(n);
  const values = new Float64Array(options.resamples);
  let valid = 0;
  for (let b = 0; b < options.resamples; b++) {
    for (let i = 0; i < n; i++) indices[i] = options.random.int(n);
    const value = statistic(indices);
    if (Number.isFinite(value)) values[valid++] = value;
  }
  const sorted = values.subarray(0, valid).sort();
  if (valid === 0) return { interval: [Number.NaN, Number.NaN], pValue: Number.NaN };
  const alpha = 1 - options.confidence;
  const interval: [number, number] = [percentileOfSorted(sorted, alpha / 2), percentileOfSorted(sorted, 1 - alpha / 2)];
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (const value of sorted) {
    if (value <= 0) atOrBelow++;
    if (value >= 0) atOrAbove++;
  }
  const pValue = Math.min(1, Math.max(1 / valid, (2 * Math.min(atOrBelow, atOrAbove)) / valid));
  return { interval, pValue };
}

/** Linear interpolation between order statistics (type 7, as numpy and R default). */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const weight = position - below;
  return sorted[below]! * (1 - weight) + sorted[above]! * weight;
}
