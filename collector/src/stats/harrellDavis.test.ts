import { describe, expect, it } from 'vitest';
import { harrellDavisQuantile } from './harrellDavis.ts';
import { regularizedIncompleteBeta } from './incompleteBeta.ts';
import { createRandom } from '../shared/random.ts';

describe('regularised incomplete beta', () => {
  it('matches closed forms: I_x(1, b) = 1 − (1 − x)^b, I_x(a, 1) = x^a, I_0.5(2, 3) = 11/16', () => {
    expect(regularizedIncompleteBeta(0.3, 1, 4)).toBeCloseTo(1 - 0.7 ** 4, 12);
    expect(regularizedIncompleteBeta(0.3, 2.5, 1)).toBeCloseTo(0.3 ** 2.5, 12);
    expect(regularizedIncompleteBeta(0.5, 2, 3)).toBeCloseTo(11 / 16, 12);
    expect(regularizedIncompleteBeta(0.95, 190.95, 10.05) + regularizedIncompleteBeta(0.05, 10.05, 190.95)).toBeCloseTo(1, 12);
  });
});

describe('Harrell–Davis quantile', () => {
  it('is the middle of symmetric data at p = 0.5 and lies between the neighbouring order statistics at p = 0.95', () => {
    expect(harrellDavisQuantile(Float64Array.from([5, 1, 3, 2, 4]), 0.5)).toBeCloseTo(3, 10);
    const values = Float64Array.from({ length: 200 }, (_, i) => i + 1);
    const p95 = harrellDavisQuantile(values.slice().reverse(), 0.95);
    expect(p95).toBeGreaterThan(188);
    expect(p95).toBeLessThan(193);
  });

  it('makes the p95 ratio of two noisy runs of the same cases steadier than plain percentiles do, which is why p95 changes use it', () => {
    const random = createRandom(9);
    const gaussian = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
    const plain: number[] = [];
    const smooth: number[] = [];
    for (let trial = 0; trial < 300; trial++) {
      // Case latencies spread log-normally; each run of a case varies by about 10%.
      const cases = Array.from({ length: 200 }, () => Math.exp(0.5 * gaussian()));
      const baseline = Float64Array.from(cases, (latency) => latency * Math.exp(0.1 * gaussian()));
      const candidate = Float64Array.from(cases, (latency) => latency * Math.exp(0.1 * gaussian()));
      const percentile = (values: Float64Array) => {
        const sorted = values.slice().sort();
        return sorted[189]! + 0.05 * (sorted[190]! - sorted[189]!);
      };
      plain.push(percentile(candidate) / percentile(baseline));
      smooth.push(harrellDavisQuantile(candidate.slice(), 0.95) / harrellDavisQuantile(baseline.slice(), 0.95));
    }
    const variance = (values: number[]) => {
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return values.reduce((total, value) => total + (value - mean) ** 2, 0) / values.length;
    };
    expect(variance(smooth)).toBeLessThan(0.75 * variance(plain));
  });
});
