import { mcnemarTest, pairedProportionInterval } from '../stats/mcnemar.ts';
import { pairedBootstrap } from '../stats/pairedBootstrap.ts';
import { createRandom } from '../stats/random.ts';
import type { ComparisonOptions, EffectComparison, NoData } from './metricComparison.ts';
import type { PairedCase } from './pairCases.ts';

/**
 * Quality, paired by case. When every case is a plain success or failure on both sides, McNemar's
 * test: only the cases that changed carry evidence (exact mid-p for few of them); the interval
 * for the difference in success rate is Agresti–Min's. When cases carry graded scores or
 * repeats that disagree (flaky cases give fractional means), the paired bootstrap of the mean
 * difference, which assumes nothing about the scores' distribution.
 */
export function compareQuality(pairs: readonly PairedCase[], options: ComparisonOptions): EffectComparison | NoData {
  const usable = pairs.filter((pair) => pair.baseline.quality !== undefined && pair.candidate.quality !== undefined);
  if (usable.length === 0) return { metric: 'quality', noData: 'no case has a quality grade on both sides' };
  const baseline = usable.map((pair) => pair.baseline.quality!);
  const candidate = usable.map((pair) => pair.candidate.quality!);
  const levels = { baseline: 100 * mean(baseline), candidate: 100 * mean(candidate) };
  const common = {
    metric: 'quality',
    cases: usable.length,
    unit: 'points',
    levelUnit: '%',
    confidence: options.confidence,
    ...levels,
  } as const;

  if ([...baseline, ...candidate].every((value) => value === 0 || value === 1)) {
    const counts = {
      n: usable.length,
      lost: usable.filter((_, i) => baseline[i] === 1 && candidate[i] === 0).length,
      gained: usable.filter((_, i) => baseline[i] === 0 && candidate[i] === 1).length,
    };
    const test = mcnemarTest(counts);
    const [lower, upper] = pairedProportionInterval(counts, options.confidence);
    return {
      ...common,
      estimate: (100 * (counts.gained - counts.lost)) / counts.n,
      interval: [100 * lower, 100 * upper],
      method: `McNemar test (${test.method})`,
      pValue: test.pValue,
    };
  }

  const differences = candidate.map((value, i) => value - baseline[i]!);
  const bootstrap = pairedBootstrap(
    differences.length,
    (indices) => {
      let total = 0;
      for (const i of indices) total += differences[i]!;
      return total / indices.length;
    },
    { resamples: options.resamples, confidence: options.confidence, random: createRandom(`${options.seed}:quality`) },
  );
  return {
    ...common,
    estimate: 100 * mean(differences),
    interval: [100 * bootstrap.interval[0], 100 * bootstrap.interval[1]],
    method: 'paired bootstrap of the mean difference',
    pValue: bootstrap.pValue,
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0) / values.length;
}
