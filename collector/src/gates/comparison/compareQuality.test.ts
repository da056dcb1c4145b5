import type { EffectComparison, PairedCase } from '@trumpets/protocol/api';
import { describe, expect, it } from 'vitest';
import { effectVerdict, harmOf } from '../policy/effectVerdict.ts';
import { DEFAULT_GATE_POLICY } from '../policy/gatePolicy.ts';
import { pairedOutcomes } from '../../testing/gateSimulation/exactQualityLevel.ts';
import { compareQuality } from './compareQuality.ts';

const options = { confidence: 0.95, resamples: 500, seed: 'quality' };
const rule = DEFAULT_GATE_POLICY.metrics.quality;
const judge = (comparison: EffectComparison) => effectVerdict(harmOf(comparison, 'lower'), rule, String).verdict;

/** The same pairs with one case's candidate now succeeding in only two of three repeats. */
function oneCaseFlaky(pairs: PairedCase[]): PairedCase[] {
  const [first, ...rest] = pairs;
  return [{ ...first!, candidate: { ...first!.candidate, qualities: [1, 1, 0], quality: 2 / 3, flaky: true } }, ...rest];
}

describe('quality comparison', () => {
  it.each([30, 60])('never gets a better verdict when one case gets worse (n = %i, nothing else changed)', (n) => {
    const identical = compareQuality(pairedOutcomes(n, 0, 0), options) as EffectComparison;
    const worse = compareQuality(oneCaseFlaky(pairedOutcomes(n, 0, 0)), options) as EffectComparison;
    expect(identical.interval[0]).toBeLessThan(-5);
    expect(judge(identical)).toBe('inconclusive');
    expect(worse.interval[0]).toBeLessThan(identical.interval[0]);
    expect(worse.interval[1]).toBeLessThan(identical.interval[1]);
    expect(worse.interval[1] - worse.interval[0]).toBeGreaterThan(0.9 * (identical.interval[1] - identical.interval[0]));
    expect(judge(worse)).toBe('inconclusive');
    expect(worse.method).toBe("paired score test on graded scores (0.3 cases' worth lost, 0 gained)");
  });

  it.each([
    [30, 10, 3],
    [200, 12, 4],
    [200, 14, 4],
    [100, 9, 2],
  ])('reports the p-value of the test that decides: n = %i, %i lost, %i gained', (n, lost, gained) => {
    const comparison = compareQuality(pairedOutcomes(n, lost, gained), options) as EffectComparison;
    expect(comparison.method).toBe(`paired score test (${lost} lost, ${gained} gained)`);
    const significant = comparison.interval[1] < 0;
    expect(comparison.pValue <= 0.05).toBe(significant);
    expect(harmOf(comparison, 'lower').lower > 0).toBe(significant);
  });
});
