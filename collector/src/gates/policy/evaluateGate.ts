import {
  type Attempt,
  EFFECT_METRICS,
  type EffectComparison,
  type GateMetric,
  type GateDecision,
  type GatePolicy,
  hasNoData,
  type MetricComparison,
  type MetricVerdict,
  type RunHealth,
  type SafetyComparison,
  type SafetyPolicy,
  type Verdict,
} from '@trumpets/protocol/api';
import type { Comparison } from '../comparison/compareRuns.ts';
import { describeEffect, describeSafety, formatEffect } from './describeMetric.ts';
import { effectVerdict, harmOf } from './effectVerdict.ts';
import { worstOf } from './verdicts.ts';

/**
 * What a policy makes of a comparison: the served decision (`GateDecision` on the wire) without
 * what the collector adds when it stores it (ids, runs, set, policy, cases, who and when).
 */
export type GateJudgement = Pick<GateDecision, 'verdict' | 'enforced' | 'reasons' | 'metrics' | 'health' | 'flaky' | 'attempt'>;

/** Above this share of undefined bootstrap resamples an interval is not trusted: the metric is an error. */
export const MAX_DROPPED_RESAMPLES = 0.01;

/**
 * A comparison judged by a policy. Per metric a verdict and a sentence; overall the worst of the
 * deciding metrics, where a non-critical metric's fail counts as marginal, unless its interval
 * reaches past its critical effect: then it counts as inconclusive, so a certain large harm is
 * never more lenient than an uncertain small one. A broken run (more unusable runs than the policy
 * allows) is an error whatever the metrics say: its numbers are kept for diagnosis, but nothing is
 * decided on them. `attempt`, when given, is reported with the decision.
 */
export function evaluateGate(comparison: Comparison, policy: GatePolicy, attempt?: Attempt): GateJudgement {
  const healthSentences = (['baseline', 'candidate'] as const).flatMap((variant) =>
    brokenSentence(variant, comparison.health[variant], policy.maxErrorRate),
  );
  const broken = healthSentences.length > 0;
  const metrics = [...EFFECT_METRICS, 'safety' as const].map((metric) => judgeMetric(comparison.metrics[metric], policy, broken));
  if (comparison.flaky.baseline.length + comparison.flaky.candidate.length > 0) {
    const quality = metrics.find((metric) => metric.metric === 'quality')!;
    quality.sentence += ` Flaky cases (repeats disagreed): ${comparison.flaky.baseline.length} in the baseline, ${comparison.flaky.candidate.length} in the candidate; listed per case.`;
  }

  const deciding = metrics.filter((metric) => metric.decides);
  const counted = (metric: MetricVerdict): Verdict =>
    metric.verdict === 'fail' && !metric.critical ? (reachesPastCritical(metric, policy) ? 'inconclusive' : 'marginal') : metric.verdict;
  // Nothing deciding is no evidence, and no evidence is never a pass.
  const verdict = broken ? 'error' : deciding.length === 0 ? 'inconclusive' : worstOf(deciding.map(counted));
  for (const metric of deciding)
    if (counted(metric) !== metric.verdict)
      metric.sentence += ` Not critical, so it counts as ${counted(metric)}${counted(metric) === 'inconclusive' ? `: its interval reaches past the critical ${criticalOf(metric, policy)}` : ''}.`;
  const reasons = broken
    ? healthSentences
    : deciding.length === 0
      ? ['No metric decided: every one is shadowed or has no data.']
      : deciding.filter((metric) => counted(metric) === verdict).map((metric) => metric.sentence);
  if (attempt && !broken)
    reasons.push(
      `Attempt ${attempt.number} of ${attempt.of} for this change: intervals at ${+(100 * attempt.confidence).toFixed(2)}% so that validating again cannot buy a pass.`,
    );
  return {
    verdict,
    enforced: !policy.shadow,
    reasons,
    metrics,
    health: { ...comparison.health, broken },
    flaky: comparison.flaky,
    ...(attempt ? { attempt } : {}),
  };
}

function reachesPastCritical(metric: MetricVerdict, policy: GatePolicy): boolean {
  const comparison = metric.comparison as EffectComparison;
  return harmOf(comparison, policy.metrics[comparison.metric].worse).upper > policy.metrics[comparison.metric].criticalEffect;
}

function criticalOf(metric: MetricVerdict, policy: GatePolicy): string {
  const comparison = metric.comparison as EffectComparison;
  return formatEffect(policy.metrics[comparison.metric].criticalEffect, comparison.unit);
}

function judgeMetric(comparison: MetricComparison, policy: GatePolicy, broken: boolean): MetricVerdict {
  const metric = comparison.metric;
  const rule = policy.metrics[metric];
  const base = { metric, critical: rule.critical, comparison };
  const judged = (verdict: Verdict, sentence: string, decides = !rule.shadow): MetricVerdict => ({
    ...base,
    verdict: broken ? 'error' : verdict,
    decides,
    sentence: broken ? `${sentence} Not decided: the run is broken, these numbers are for diagnosis only.` : sentence,
  });

  if (hasNoData(comparison)) {
    return rule.mustHaveData
      ? judged('inconclusive', `${label(metric)}: no data (${comparison.noData}): inconclusive — this metric must have data.`)
      : judged('inconclusive', `${label(metric)}: no data (${comparison.noData}); the policy lets this metric go without.`, false);
  }
  if (comparison.metric === 'safety') return judged(...safetyVerdict(comparison, policy.metrics.safety));

  const effect = comparison as EffectComparison;
  const sentence = describeEffect(effect);
  if (effect.cases < policy.minCases) {
    return judged(
      'inconclusive',
      `${sentence}: inconclusive — ${effect.cases} paired cases, fewer than the ${policy.minCases} the policy needs.`,
    );
  }
  const effectRule = policy.metrics[effect.metric];
  const dropped = effect.resamples ? effect.resamples.dropped / effect.resamples.drawn : 0;
  if (dropped > MAX_DROPPED_RESAMPLES)
    return judged(
      'error',
      `${sentence}: error — ${effect.resamples!.dropped} of ${effect.resamples!.drawn} bootstrap resamples (${(100 * dropped).toFixed(1)}%) had no defined value ` +
        `(e.g. no baseline cost in the resample), more than the ${100 * MAX_DROPPED_RESAMPLES}% an interval can lose and still be trusted.`,
    );
  const droppedNote = effect.resamples?.dropped
    ? ` (${effect.resamples.dropped} of ${effect.resamples.drawn} resamples undefined, left out)`
    : '';
  const { verdict, reason } = effectVerdict(harmOf(effect, effectRule.worse), effectRule, (value) => formatEffect(value, effect.unit));
  const shadowNote = effectRule.shadow ? ' (shadow: reported, not deciding)' : '';
  return judged(verdict, `${sentence}${droppedNote}: ${verdict} — ${reason}${shadowNote}.`);
}

function safetyVerdict(comparison: SafetyComparison, policy: SafetyPolicy): [Verdict, string] {
  const findings = comparison.newViolations.length + comparison.missedEscalations.length;
  const sentence = describeSafety(comparison);
  if (findings > policy.allowedNew) return ['fail', `${sentence}: fail — the policy allows ${policy.allowedNew}.`];
  return ['pass', `${sentence}: pass.`];
}

function brokenSentence(variant: 'baseline' | 'candidate', health: RunHealth, maxErrorRate: number): string[] {
  if (health.errorRate <= maxErrorRate) return [];
  const kinds = Object.entries(health.errors)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind.replace('_', ' ')} ${count}`)
    .join(', ');
  const unusable = health.expectedRuns - health.usableRuns;
  return [
    `The ${variant} run is broken: ${unusable} of ${health.expectedRuns} runs unusable (${kinds}), ` +
      `${(100 * health.errorRate).toFixed(1)}% against the ${(100 * maxErrorRate).toFixed(1)}% the policy allows: error, not a verdict on the proposal.`,
  ];
}

function label(metric: GateMetric): string {
  return { quality: 'Quality', latency_median: 'Typical latency', latency_p95: 'p95 latency', cost: 'Cost', safety: 'Safety' }[metric];
}
