import type { EffectComparison, NoData, PairedCase } from '@trumpets/protocol/api';
import { median } from 'simple-statistics';
import { harrellDavisJackknife, harrellDavisQuantile, jackknifeScratch } from '../../stats/harrellDavis.ts';
import { pairedBootstrap } from '../../stats/pairedBootstrap.ts';
import { createRandom } from '../../shared/random.ts';
import { hodgesLehmann, signedRankInterval, wilcoxonSignedRank } from '../../stats/wilcoxonSignedRank.ts';
import type { ComparisonOptions } from './metricComparison.ts';

/** Latencies of 0 ms (clock granularity) would make log ratios infinite; a microsecond floor keeps them finite. */
const FLOOR_MS = 0.001;

/**
 * Typical latency change: the paired rank test. Per case, the log of candidate / baseline latency;
 * the Wilcoxon signed-rank test asks whether those ratios lean one way, the Hodges–Lehmann
 * estimate gives the typical per-case change in percent, and the interval inverts that same test. Ranks make it robust to the
 * heavy right tail latencies always have, where a t-test on means would be led by a few slow runs.
 */
export function compareMedianLatency(pairs: readonly PairedCase[], options: ComparisonOptions): EffectComparison | NoData {
  const { baseline, candidate } = latencies(pairs);
  if (baseline.length === 0) return { metric: 'latency_median', noData: 'no case has a latency on both sides' };
  const logRatios = candidate.map((value, i) => Math.log(Math.max(value, FLOOR_MS) / Math.max(baseline[i]!, FLOOR_MS)));
  const estimate = hodgesLehmann(logRatios);
  const interval = signedRankInterval(logRatios, options.confidence);
  return {
    metric: 'latency_median',
    cases: baseline.length,
    unit: 'percent',
    baseline: median(baseline),
    candidate: median(candidate),
    levelUnit: 'ms',
    estimate: toPercent(estimate),
    interval: [toPercent(interval[0]), toPercent(interval[1])],
    confidence: options.confidence,
    method: 'Wilcoxon signed-rank test with the interval that inverts it',
    pValue: wilcoxonSignedRank(logRatios).pValue,
  };
}

/**
 * Tail latency: the relative change of the 95th percentile over cases, with a studentized paired
 * bootstrap interval (resampling cases keeps each case's two latencies together). The p95 is the
 * Harrell–Davis estimate, which averages the slowest cases with smooth weights rather than picking
 * one, so the ratio does not jump with whichever case lands on the 95th position on each side, and
 * its jackknife gives each resample the standard error bootstrap-t needs. A rank test on the median
 * cannot see a slowdown confined to the slowest cases; this one is aimed at it.
 */
export function compareP95Latency(pairs: readonly PairedCase[], options: ComparisonOptions): EffectComparison | NoData {
  const { baseline, candidate } = latencies(pairs);
  if (baseline.length === 0) return { metric: 'latency_p95', noData: 'no case has a latency on both sides' };
  const n = baseline.length;
  const base = new Float64Array(n);
  const cand = new Float64Array(n);
  const baseOut = new Float64Array(n);
  const candOut = new Float64Array(n);
  const scratch = jackknifeScratch(n);
  const logRatio = new Float64Array(n);
  const logP95Ratio = (indices: ArrayLike<number>) => {
    for (let i = 0; i < n; i++) {
      base[i] = baseline[indices[i]!]!;
      cand[i] = candidate[indices[i]!]!;
    }
    const b = harrellDavisJackknife(base, 0.95, baseOut, scratch);
    const c = harrellDavisJackknife(cand, 0.95, candOut, scratch);
    for (let i = 0; i < n; i++) logRatio[i] = Math.log(candOut[i]! / baseOut[i]!);
    return { estimate: Math.log(c / b), standardError: jackknifeError(logRatio) };
  };
  const bootstrap = pairedBootstrap(n, logP95Ratio, {
    resamples: options.resamples,
    confidence: options.confidence,
    random: createRandom(`${options.seed}:latency_p95`),
  });
  const p95 = (values: readonly number[]) => harrellDavisQuantile(Float64Array.from(values), 0.95);
  return {
    metric: 'latency_p95',
    cases: n,
    unit: 'percent',
    baseline: p95(baseline),
    candidate: p95(candidate),
    levelUnit: 'ms',
    estimate: toPercent(bootstrap.estimate),
    interval: [toPercent(bootstrap.interval[0]), toPercent(bootstrap.interval[1])],
    confidence: options.confidence,
    method: 'studentized paired bootstrap of the p95 ratio',
    pValue: bootstrap.pValue,
    resamples: { drawn: bootstrap.resamples, dropped: bootstrap.dropped },
  };
}

/** The jackknife standard error from leave-one-out estimates. */
function jackknifeError(leaveOneOut: Float64Array): number {
  const n = leaveOneOut.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += leaveOneOut[i]! / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (leaveOneOut[i]! - mean) ** 2;
  return Math.sqrt(((n - 1) / n) * squares);
}

function latencies(pairs: readonly PairedCase[]): { baseline: number[]; candidate: number[] } {
  const usable = pairs.filter((pair) => pair.baseline.latencyMs !== undefined && pair.candidate.latencyMs !== undefined);
  return { baseline: usable.map((pair) => pair.baseline.latencyMs!), candidate: usable.map((pair) => pair.candidate.latencyMs!) };
}

function toPercent(logRatio: number): number {
  return 100 * (Math.exp(logRatio) - 1);
}
