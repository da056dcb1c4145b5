import { gammaln } from 'simple-statistics';
import { twoSidedNormalP, zForConfidence } from './normal.ts';

/**
 * Paired binary outcomes of n cases run on both variants. Only the discordant cases carry
 * information about a difference: `lost` (baseline succeeded, candidate failed) and `gained`.
 */
export interface PairedBinaryCounts {
  n: number;
  lost: number;
  gained: number;
}

export interface McNemarResult {
  pValue: number;
  method: 'exact mid-p' | 'asymptotic';
}

/** Below this many discordant pairs the chi-square approximation is poor, so the exact test is used. */
const EXACT_BELOW = 25;

/**
 * McNemar's test: under "no difference" each discordant case is equally likely to go either way,
 * so `lost` is Binomial(lost + gained, 1/2). For few discordant pairs the exact binomial mid-p
 * value; otherwise the asymptotic test (z = (lost − gained)/√(lost + gained), chi-square 1 df)
 * without continuity correction. Fagerland, Lydersen & Laake (2013) found both hold their level
 * while the exact conditional test and the continuity correction are needlessly conservative,
 * which here would also contradict the Agresti–Min interval reported beside the p-value.
 */
export function mcnemarTest({ lost, gained }: PairedBinaryCounts): McNemarResult {
  const discordant = lost + gained;
  if (discordant === 0) return { pValue: 1, method: 'exact mid-p' };
  if (discordant < EXACT_BELOW) {
    const k = Math.min(lost, gained);
    const below = k === 0 ? 0 : binomialHalfCdf(k - 1, discordant);
    return { pValue: Math.min(1, 2 * (below + binomialHalfPmf(k, discordant) / 2)), method: 'exact mid-p' };
  }
  return { pValue: twoSidedNormalP((lost - gained) / Math.sqrt(discordant)), method: 'asymptotic' };
}

/** P(X = k) for X ~ Binomial(m, 1/2), in log space so large m cannot overflow. */
function binomialHalfPmf(k: number, m: number): number {
  return Math.exp(gammaln(m + 1) - gammaln(k + 1) - gammaln(m - k + 1) - m * Math.LN2);
}

function binomialHalfCdf(k: number, m: number): number {
  let total = 0;
  for (let i = 0; i <= k; i++) total += binomialHalfPmf(i, m);
  return total;
}

/**
 * Interval for the difference in success rate (candidate − baseline) of paired binary outcomes:
 * Agresti & Min (2005), the Wald interval after adding ½ to each of the four cells. It keeps close
 * to nominal coverage even with few discordant pairs, where the plain Wald interval collapses to
 * zero width (e.g. 0 lost and 0 gained would claim certainty).
 */
export function pairedProportionInterval({ n, lost, gained }: PairedBinaryCounts, confidence: number): [number, number] {
  const z = zForConfidence(confidence);
  const total = n + 2;
  const l = lost + 0.5;
  const g = gained + 0.5;
  const difference = (g - l) / total;
  const variance = (l + g - (g - l) ** 2 / total) / total ** 2;
  const half = z * Math.sqrt(variance);
  return [Math.max(-1, difference - half), Math.min(1, difference + half)];
}
