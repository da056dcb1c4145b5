import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, zForConfidence } from './normal.ts';
import { pairedBootstrap } from './pairedBootstrap.ts';
import { createRandom } from './random.ts';

const meanOf = (values: readonly number[]) => (indices: Uint32Array) => {
  let total = 0;
  for (const i of indices) total += values[i]!;
  return total / indices.length;
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

describe('paired bootstrap', () => {
  it('gives the same interval for the same seed', () => {
    const differences = Array.from({ length: 40 }, (_, i) => Math.sin(i));
    const run = () => pairedBootstrap(40, meanOf(differences), { resamples: 500, confidence: 0.95, random: createRandom(42) });
    expect(run()).toEqual(run());
  });

  it('covers the true mean difference close to the nominal 90% of the time', () => {
    const random = createRandom(1);
    const trials = 200;
    let covered = 0;
    for (let trial = 0; trial < trials; trial++) {
      // Paired differences with true mean 1: normal noise by Box–Muller.
      const differences = Array.from(
        { length: 50 },
        () => 1 + Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next()),
      );
      const { interval } = pairedBootstrap(50, meanOf(differences), { resamples: 400, confidence: 0.9, random });
      if (interval[0] <= 1 && 1 <= interval[1]) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.83);
    expect(covered / trials).toBeLessThan(0.96);
  });

  it('reports a small p-value only when the differences are clearly away from zero', () => {
    const shifted = Array.from({ length: 50 }, (_, i) => 2 + Math.sin(i));
    const centred = Array.from({ length: 50 }, (_, i) => Math.sin(i));
    const options = { resamples: 1000, confidence: 0.95 };
    expect(pairedBootstrap(50, meanOf(shifted), { ...options, random: createRandom(3) }).pValue).toBeLessThan(0.01);
    expect(pairedBootstrap(50, meanOf(centred), { ...options, random: createRandom(3) }).pValue).toBeGreaterThan(0.2);
  });
});
