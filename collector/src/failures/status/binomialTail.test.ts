import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binomialLowerTail, binomialUpperTail } from './binomialTail.ts';

/** P(X ≥ k) by summing the probability mass function in log space. */
function summedUpperTail(k: number, n: number, p: number): number {
  let total = 0;
  let logChoose = 0;
  for (let i = 0; i <= n; i++) {
    if (i > 0) logChoose += Math.log(n - i + 1) - Math.log(i);
    if (i >= k) total += Math.exp(logChoose + i * Math.log(p) + (n - i) * Math.log(1 - p));
  }
  return total;
}

describe('binomial tails', () => {
  it('agree with the summed probability mass function', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, p, at) => {
          const k = Math.round(at * n);
          expect(binomialUpperTail(k, n, p)).toBeCloseTo(summedUpperTail(k, n, p), 9);
          expect(binomialLowerTail(k, n, p)).toBeCloseTo(1 - summedUpperTail(k + 1, n, p), 9);
        },
      ),
    );
  });

  it('handle the edges', () => {
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
    expect(binomialUpperTail(3, 3, 0.5)).toBeCloseTo(0.125, 12);
  });
});
