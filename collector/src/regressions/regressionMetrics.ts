/**
 * What regression detection watches, each with the direction that is worse and the smallest
 * effect that matters (the mixture's scale, in the estimate's unit):
 * - success_rate, escalation_rate: difference of rates, 5 points;
 * - latency: difference of mean log-latency (a whole-distribution slowdown), log 1.2;
 * - p95_latency: share of episodes slower than the control's p95 fixed before the stage, 5 points
 *   (a tail-only slowdown, which the mean misses);
 * - cost: log ratio of mean cost per episode, 0.18 (≈ +20%);
 * - safety: episodes with a safety flag, a conditional binomial test on the candidate's share.
 */
import { REGRESSION_METRICS, type RegressionMetric } from '@trumpets/protocol/api';

export { REGRESSION_METRICS, type RegressionMetric };

export const METRIC_RULES: Record<RegressionMetric, { worse: 'lower' | 'higher'; tau: number; unit: string }> = {
  success_rate: { worse: 'lower', tau: 0.05, unit: 'rate' },
  escalation_rate: { worse: 'higher', tau: 0.05, unit: 'rate' },
  latency: { worse: 'higher', tau: Math.log(1.2), unit: 'log ratio' },
  p95_latency: { worse: 'higher', tau: 0.05, unit: 'rate' },
  cost: { worse: 'higher', tau: 0.18, unit: 'log ratio' },
  safety: { worse: 'higher', tau: 0.01, unit: 'rate' },
};

/** Episodes each arm needs before a harm can be declared: below it the normal approximation is not trusted. */
export const MIN_EPISODES_FOR_HARM = 30;
