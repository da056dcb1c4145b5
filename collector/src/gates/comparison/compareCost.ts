import type { EffectComparison, NoData, PairedCase } from '@trumpets/protocol/api';
import { pairedBootstrap } from '../../stats/pairedBootstrap.ts';
import { createRandom } from '../../shared/random.ts';
import type { ComparisonOptions } from './metricComparison.ts';

/**
 * Cost: the relative change in mean cost per case (the ratio of the two means), with a studentized
 * paired bootstrap interval on the log of the ratio, each resample's standard error by the delta
 * method. The mean, not the median, because the bill is a sum: a change that makes a few cases very
 * expensive matters even when the typical case is unchanged.
 */
export function compareCost(pairs: readonly PairedCase[], options: ComparisonOptions): EffectComparison | NoData {
  const usable = pairs.filter((pair) => pair.baseline.cost !== undefined && pair.candidate.cost !== undefined);
  const baseline = usable.map((pair) => pair.baseline.cost!);
  const candidate = usable.map((pair) => pair.candidate.cost!);
  const unit = options.costUnit ?? 'tokens';
  if (sum(baseline) === 0)
    return {
      metric: 'cost',
      noData: `the baseline recorded no ${unit === 'USD' ? 'cost' : 'token usage'}, so there is nothing to compare cost against`,
    };
  const logRatio = (indices: ArrayLike<number>) => {
    let base = 0;
    let cand = 0;
    for (let i = 0; i < indices.length; i++) {
      base += baseline[indices[i]!]!;
      cand += candidate[indices[i]!]!;
    }
    // Delta method: log(C̄/B̄) moves by c/C̄ − b/B̄ per case, so its variance is Σ(c/C̄ − b/B̄)² / n².
    let squares = 0;
    for (let i = 0; i < indices.length; i++) {
      const influence = (indices.length * candidate[indices[i]!]!) / cand - (indices.length * baseline[indices[i]!]!) / base;
      squares += influence * influence;
    }
    return { estimate: Math.log(cand / base), standardError: Math.sqrt(squares) / indices.length };
  };
  const bootstrap = pairedBootstrap(usable.length, logRatio, {
    resamples: options.resamples,
    confidence: options.confidence,
    random: createRandom(`${options.seed}:cost`),
  });
  return {
    metric: 'cost',
    cases: usable.length,
    unit: 'percent',
    baseline: sum(baseline) / usable.length,
    candidate: sum(candidate) / usable.length,
    levelUnit: unit,
    estimate: 100 * (sum(candidate) / sum(baseline) - 1),
    interval: [toPercent(bootstrap.interval[0]), toPercent(bootstrap.interval[1])],
    confidence: options.confidence,
    method: 'studentized paired bootstrap of the ratio of mean costs',
    pValue: bootstrap.pValue,
    resamples: { drawn: bootstrap.resamples, dropped: bootstrap.dropped },
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function toPercent(logRatio: number): number {
  return 100 * (Math.exp(logRatio) - 1);
}
