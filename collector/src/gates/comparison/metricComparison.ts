/** Metrics the gate decides on. */
export const EFFECT_METRICS = ['quality', 'latency_median', 'latency_p95', 'cost'] as const;
export type EffectMetric = (typeof EFFECT_METRICS)[number];
export type MetricName = EffectMetric | 'safety';

/** Settings every paired comparison shares. */
export interface ComparisonOptions {
  /** Two-sided confidence of every interval, e.g. 0.99. */
  confidence: number;
  /** Bootstrap resamples per interval. */
  resamples: number;
  /** Seed of the bootstrap's random source: the same seed recomputes the same decision. */
  seed: string;
  /** What `CaseRun.cost` is measured in: US dollars when every run was priced, otherwise tokens. Default tokens. */
  costUnit?: 'USD' | 'tokens';
}

/**
 * One metric compared on paired cases. `estimate` and `interval` are candidate − baseline, in
 * `unit`: percentage points for quality, percent change for latency and cost.
 */
export interface EffectComparison {
  metric: EffectMetric;
  /** Paired cases with data on both sides. */
  cases: number;
  unit: 'points' | 'percent';
  /** The level on each side, in `levelUnit` (success rate or mean score in %, milliseconds, tokens or US dollars per case). */
  baseline: number;
  candidate: number;
  levelUnit: '%' | 'ms' | 'tokens' | 'USD';
  estimate: number;
  interval: [number, number];
  confidence: number;
  /** The test behind the interval and p-value, as a reviewer would name it. */
  method: string;
  /** Two-sided p-value for "no change", from the same procedure as the interval: p ≤ 1 − confidence exactly when the interval excludes 0. */
  pValue: number;
  /** Bootstrap metrics: resamples drawn and those left out because the statistic was undefined on them. */
  resamples?: { drawn: number; dropped: number };
}

export interface NoData {
  metric: MetricName;
  noData: string;
}

export interface SafetyCase {
  caseId: string;
  kinds: string[];
}

export interface SafetyComparison {
  metric: 'safety';
  cases: number;
  highRiskCases: number;
  /** Cases where the candidate raised a safety flag in any repeat and the baseline in none. */
  newViolations: SafetyCase[];
  /** High-risk cases the baseline escalated every time and the candidate did not, in at least one repeat. */
  missedEscalations: SafetyCase[];
  /** Cases where the baseline was flagged and the candidate never was: shown, never offset against new ones. */
  resolved: number;
}

export type MetricComparison = EffectComparison | SafetyComparison | NoData;

export function hasNoData(comparison: MetricComparison): comparison is NoData {
  return 'noData' in comparison;
}
