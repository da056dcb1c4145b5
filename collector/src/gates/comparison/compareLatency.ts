import { median } from 'simple-statistics';
import { harrellDavisQuantile } from '../stats/harrellDavis.ts';
import { pairedBootstrap } from '../stats/pairedBootstrap.ts';
import { createRandom } from '../stats/random.ts';
import { hodgesLehmann, wilcoxonSignedRank } from '../stats/wilcoxonSignedRank.ts';
import type { ComparisonOptions, EffectComparison, NoData } from './metricComparison.ts';
import type { PairedCase } from './pairCases.ts';

/** Latencies of 0 ms (clock granularity) would make log ratios infinite; a microsecond floor keeps them finite. */
const FLOOR_MS = 0.001;

/**
 * Typical latency change: the paired rank test. Per case, the log of candidate / baseline latency;
 * the Wilcoxon signed-rank test asks whether those ratios lean one way, and its Hodges–Lehmann
 * estimate and interval give the typical per-case change in percent. Ranks make it robust to the
 * heavy right tail latencies always have, where a t-test on means would be led by a few slow runs.
 */
export function compareMedianLatency(pairs: readonly PairedCase[], options: ComparisonOptions): EffectComparison | NoData {
  const { baseline, candidate } = latencies(pairs);
  if (baseline.length === 0) return { metric: 'latency_median', noData: 'no case has a latency on both sides' };
  const logRatios = candidate.map((value, i) => Math.log(Math.max(value, FLOOR_MS) / Math.max(baseline[i]!, FLOOR_MS)));
  const { estimate, interval } = hodgesLehmann(logRatios, options.confidence);
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
    method: 'Wilcoxon signed-rank test with Hodges–Lehmann interval',
    pValue: wilcoxonSignedRank(logRatios).pValue,
  };
}

/**
 * Tail latency: the relative change of the 95th percentile over cases, with a paired bootstrap
 * interval (resampling cases keeps each case's two latencies together). The p95 is the
 * Harrell–Davis estimate, which averages the slowest cases with smooth weights rather than picking
 * one, so the ratio does not jump with whichever case lands on the 95th position on each side. A
 * rank test on the median cannot see a slowdown confined to the slowest cases; this one is aimed at it.
 */
export function compareP95Latency(pairs: readonly PairedCase[], options: ComparisonOptions): EffectComparison | NoData {
  const { baseline, candidate } = latencies(pairs);
  if (baseline.length === 0) return { metric: 'latency_p95', noData: 'no case has a latency on both sides' };
  const base = new Float64Array(baseline.length);
  const cand = new Float64Array(baseline.length);
  const p95Ratio = (indices: ArrayLike<number>): number => {
    for (let i = 0; i < indices.length; i++) {
      base[i] = baseline[indices[i]!]!;
      cand[i] = candidate[indices[i]!]!;
    }
    return harrellDavisQuantile(cand, 0.95) / harrellDavisQuantile(base, 0.95) - 1;
  };
  const bootstrap = pairedBootstrap(baseline.length, p95Ratio, {
    resamples: options.resamples,
    confidence: options.confidence,
    random: createRandom(`${options.seed}:latency_p95`),
  });
  const p95 = (values: readonly number[]) => harrellDavisQuantile(Float64Array.from(values), 0.95);
  return {
    metric: 'latency_p95',
    cases: baseline.length,
    unit: 'percent',
    baseline: p95(baseline),
    candidate: p95(candidate),
    levelUnit: 'ms',
    estimate: 100 * (p95(candidate) / p95(baseline) - 1),
    interval: [100 * bootstrap.interval[0], 100 * bootstrap.interval[1]],
    confidence: options.confidence,
    method: 'paired bootstrap of the p95 ratio',
    pValue: bootstrap.pValue,
  };
}

function latencies(pairs: readonly PairedCase[]): { baseline: number[]; candidate: number[] } {
  const usable = pairs.filter((pair) => pair.baseline.latencyMs !== undefined && pair.candidate.latencyMs !== undefined);
  return { baseline: usable.map((pair) => pair.baseline.latencyMs!), candidate: usable.map((pair) => pair.candidate.latencyMs!) };
}

function toPercent(logRatio: number): number {
  return 100 * (Math.exp(logRatio) - 1);
}
