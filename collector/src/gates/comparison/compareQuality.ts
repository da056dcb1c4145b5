import type { EffectComparison, NoData, PairedCase } from '@trumpets/protocol/api';
import { pairedScoreInterval } from '../../stats/pairedScoreInterval.ts';
import type { ComparisonOptions } from './metricComparison.ts';

/**
 * Quality, paired by case: the paired score test (Tango) and its interval, one method for every
 * kind of score. Only cases that changed carry evidence: with plain success or failure these are
 * whole cases lost or gained (at no difference the test is McNemar's); graded scores and flaky
 * repeats (fractional means) count their change as a fraction of a case, which never gives a
 * narrower interval than the same change in whole cases. So making one case worse can only move
 * the verdict towards fail, never towards pass.
 */
export function compareQuality(pairs: readonly PairedCase[], options: ComparisonOptions): EffectComparison | NoData {
  const usable = pairs.filter((pair) => pair.baseline.quality !== undefined && pair.candidate.quality !== undefined);
  if (usable.length === 0) return { metric: 'quality', noData: 'no case has a quality grade on both sides' };
  const baseline = usable.map((pair) => pair.baseline.quality!);
  const candidate = usable.map((pair) => pair.candidate.quality!);
  let lost = 0;
  let gained = 0;
  candidate.forEach((value, i) => {
    const difference = value - baseline[i]!;
    if (difference < 0) lost -= difference;
    else gained += difference;
  });
  const wholeCases = [...baseline, ...candidate].every((value) => value === 0 || value === 1);
  const test = pairedScoreInterval({ n: usable.length, lost, gained }, options.confidence);
  return {
    metric: 'quality',
    cases: usable.length,
    unit: 'points',
    levelUnit: '%',
    baseline: 100 * mean(baseline),
    candidate: 100 * mean(candidate),
    estimate: (100 * (gained - lost)) / usable.length,
    interval: [100 * test.interval[0], 100 * test.interval[1]],
    confidence: options.confidence,
    method: wholeCases
      ? `paired score test (${round(lost)} lost, ${round(gained)} gained)`
      : `paired score test on graded scores (${round(lost)} cases' worth lost, ${round(gained)} gained)`,
    pValue: test.pValue,
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0) / values.length;
}

function round(count: number): string {
  return Number.isInteger(count) ? String(count) : count.toFixed(1);
}
