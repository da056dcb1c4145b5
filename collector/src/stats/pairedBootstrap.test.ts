import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, zForConfidence } from './normal.ts';
import { pairedBootstrap } from './pairedBootstrap.ts';
import { createRandom } from '../shared/random.ts';

/** The mean of the values at the indices, with its plug-in standard error. */
const meanOf = (values: readonly number[]) => (indices: Uint32Array) => {
  let total = 0;
  for (const i of indices) total += values[i]!;
  const mean = total / indices.length;
  let squares = 0;
  for (const i of indices) squares += (values[i]! - mean) ** 2;
  return { estimate: mean, standardError: Math.sqrt(squares) / indices.length };
};

describe('seeded random source', () => {
  it('repeats its sequence for the same seed, text or number, and differs for another', () => {
    const draw = (seed: number | string) =>
      Array.from(
        { length: 5 },
        (
          (random) => () =>
            random.next()
        )(createRandom(seed)),
      );
    expect(draw('run-a|run-b')).toEqual(draw('run-a|run-b'));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });
});

describe('normal distribution', () => {
  it('gives the usual critical values to six decimals', () => {
    expect(zForConfidence(0.95)).toBeCloseTo(1.959964, 6);
    expect(zForConfidence(0.99)).toBeCloseTo(2.575829, 6);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
  });
});

describe('paired studentized bootstrap', () => {
  it('gives the same interval for the same seed', () => {
    const differences = Array.from({ length: 40 }, (_, i) => Math.sin(i));
    const run = () => pairedBootstrap(40, meanOf(differences), { resamples: 500, confidence: 0.95, random: createRandom(42) });
    expect(run()).toEqual(run());
  });

  it('covers the true mean of skewed paired differences close to the nominal 90% at n = 20', () => {
    const random = createRandom(1);
    const trials = 300;
    let covered = 0;
    for (let trial = 0; trial < trials; trial++) {
      // Exponential differences with true mean 1: skewed, where percentile intervals undercover at small n.
      const differences = Array.from({ length: 20 }, () => -Math.log(1 - random.next()));
      const { interval } = pairedBootstrap(20, meanOf(differences), { resamples: 400, confidence: 0.9, random });
      if (interval[0] <= 1 && 1 <= interval[1]) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.85);
    expect(covered / trials).toBeLessThan(0.95);
  });

  it('reports p ≤ 1 − confidence exactly when the interval excludes 0', () => {
    const random = createRandom(5);
    let significant = 0;
    for (let trial = 0; trial < 200; trial++) {
      const differences = Array.from({ length: 30 }, () => 0.3 * random.next() - 0.1);
      const { interval, pValue } = pairedBootstrap(30, meanOf(differences), { resamples: 400, confidence: 0.95, random });
      if (pValue <= 0.05) significant++;
      expect(pValue <= 0.05).toBe(interval[0] > 0 || interval[1] < 0);
    }
    expect(significant).toBeGreaterThan(20);
    expect(significant).toBeLessThan(200);
  });

  it('does not collapse when almost every paired difference is 0: a resample with no spread widens the interval', () => {
    const differences = [...Array.from({ length: 29 }, () => 0), -0.2];
    const { interval } = pairedBootstrap(30, meanOf(differences), { resamples: 500, confidence: 0.95, random: createRandom(3) });
    expect(interval[1] - interval[0]).toBeGreaterThan(0.01);
    expect(interval[1]).toBeGreaterThan(0);
  });

  it('counts resamples whose statistic is undefined instead of silently leaving them out', () => {
    // A ratio with its denominator on only 3 of 100 cases: about 5% of resamples miss all three.
    const denominators = Array.from({ length: 100 }, (_, i) => (i < 3 ? 1 : 0));
    const ratio = (indices: Uint32Array) => {
      let below = 0;
      for (const i of indices) below += denominators[i]!;
      return { estimate: indices.length / below, standardError: 1 };
    };
    const result = pairedBootstrap(100, ratio, { resamples: 2000, confidence: 0.95, random: createRandom(8) });
    expect(result.resamples).toBe(2000);
    expect(result.dropped / 2000).toBeGreaterThan(0.03);
    expect(result.dropped / 2000).toBeLessThan(0.07);
  });
});
