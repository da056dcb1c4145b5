import {
  confidenceSequence,
  harmEvidence,
  logRatioOfMeans,
  meanDifference,
  proportionDifference,
  rareEventEvidence,
  type Estimate,
  type SequentialEvidence,
} from '../stats/sequential.ts';
import type { ArmStats } from './armStats.ts';
import { METRIC_RULES, MIN_EPISODES_FOR_HARM, REGRESSION_METRICS, type RegressionMetric } from './regressionMetrics.ts';

/** One metric's comparison of a candidate with its control, at one look. */
export interface MetricCheck {
  metric: RegressionMetric;
  /** candidate − control in the metric's unit (rate difference or log ratio). */
  effect: number;
  /** Always-valid interval at 1 − α. */
  interval: { lower: number; upper: number };
  eValue: number;
  /** The harm test fired: eValue ≥ 1/α with enough episodes on both arms. */
  regression: boolean;
  candidateEpisodes: number;
  controlEpisodes: number;
  summary: string;
}

/**
 * Compares a candidate arm with its control on every metric with the one-sided mixture SPRT
 * (rare safety flags with the conditional binomial mixture). Valid at every look: call it every
 * minute on the growing windows of a stage. Fewer than 30 episodes on either arm is never a regression.
 */
export function checkMetrics(candidate: ArmStats, control: ArmStats, alpha: number): MetricCheck[] {
  const enough = candidate.episodes >= MIN_EPISODES_FOR_HARM && control.episodes >= MIN_EPISODES_FOR_HARM;
  return REGRESSION_METRICS.map((metric) => {
    const rule = METRIC_RULES[metric];
    const estimate = estimateOf(metric, candidate, control);
    const evidence: SequentialEvidence =
      metric === 'safety'
        ? rareEventEvidence(
            candidate.flaggedEpisodes,
            control.flaggedEpisodes,
            candidate.episodes / (candidate.episodes + control.episodes || 1),
          )
        : harmEvidence(estimate, rule.tau, rule.worse);
    const interval = confidenceSequence(estimate, rule.tau, alpha);
    const regression = enough && evidence.eValue >= 1 / alpha;
    return {
      metric,
      effect: estimate.effect,
      interval,
      eValue: evidence.eValue,
      regression,
      candidateEpisodes: candidate.episodes,
      controlEpisodes: control.episodes,
      summary: describe(metric, estimate, interval, candidate, control, alpha),
    };
  });
}

function estimateOf(metric: RegressionMetric, candidate: ArmStats, control: ArmStats): Estimate {
  const rate = (count: (arm: ArmStats) => number) =>
    proportionDifference(
      { successes: count(candidate), trials: candidate.episodes },
      { successes: count(control), trials: control.episodes },
    );
  switch (metric) {
    case 'success_rate':
      return rate((arm) => arm.successes);
    case 'escalation_rate':
      return rate((arm) => arm.escalations);
    case 'p95_latency':
      return rate((arm) => arm.slowEpisodes);
    case 'safety':
      return rate((arm) => arm.flaggedEpisodes);
    case 'latency':
      return meanDifference(candidate.logLatency, control.logLatency);
    case 'cost':
      return logRatioOfMeans(candidate.cost, control.cost);
  }
}

const LABELS: Record<RegressionMetric, string> = {
  success_rate: 'success rate',
  escalation_rate: 'escalation rate',
  p95_latency: 'share of episodes slower than the control’s p95',
  safety: 'share of episodes with a safety flag',
  latency: 'latency (geometric mean)',
  cost: 'cost per episode',
};

function describe(
  metric: RegressionMetric,
  estimate: Estimate,
  interval: { lower: number; upper: number },
  candidate: ArmStats,
  control: ArmStats,
  alpha: number,
): string {
  const sizes = `${candidate.episodes} candidate vs ${control.episodes} control episodes`;
  const level = `${Math.round((1 - alpha) * 1000) / 10}%`;
  if (METRIC_RULES[metric].unit === 'rate') {
    const points = (value: number) => `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(1)}`;
    return `${LABELS[metric]} ${points(estimate.effect)} points (always-valid ${level} interval ${points(interval.lower)} to ${points(interval.upper)}), ${sizes}`;
  }
  const percent = (value: number) =>
    Number.isFinite(value) ? `${value >= 0 ? '+' : '−'}${Math.abs((Math.exp(value) - 1) * 100).toFixed(1)}%` : '∞';
  return `${LABELS[metric]} ${percent(estimate.effect)} (always-valid ${level} interval ${percent(interval.lower)} to ${percent(interval.upper)}), ${sizes}`;
}
