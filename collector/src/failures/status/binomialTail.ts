import { regularizedIncompleteBeta } from '../../stats/incompleteBeta.ts';

/**
 * Exact binomial tails through the regularised incomplete beta function, so large counts cost no
 * more than small ones: P(X ≥ k) = I_p(k, n − k + 1) for X ~ Binomial(n, p).
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return regularizedIncompleteBeta(p, k, n - k + 1);
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
export function binomialLowerTail(k: number, n: number, p: number): number {
  return 1 - binomialUpperTail(k + 1, n, p);
}
