import type { EffectComparison, EffectMetric, GatePolicy, PairedCase, Verdict } from '@trumpets/protocol/api';
import { compareCost } from '../../gates/comparison/compareCost.ts';
import { compareP95Latency } from '../../gates/comparison/compareLatency.ts';
import type { ComparisonOptions } from '../../gates/comparison/metricComparison.ts';
import { pairCases } from '../../gates/comparison/pairCases.ts';
import { attemptOf } from '../../gates/policy/attempts.ts';
import { effectVerdict, harmOf } from '../../gates/policy/effectVerdict.ts';
import { simulateBenchmark, type CandidateEffect } from './simulateBenchmark.ts';

const COMPARE = { latency_p95: compareP95Latency, cost: compareCost } as const;

/** One bootstrap metric on `trials` simulated benchmarks (seeds 1..trials): each trial's comparison and its verdict under the policy, as a first attempt. */
export function metricOver(
  metric: keyof typeof COMPARE,
  trials: number,
  setup: { cases: number; repeats: number; candidate?: CandidateEffect },
  policy: GatePolicy,
): { comparison: EffectComparison; verdict: Verdict }[] {
  const options: ComparisonOptions = { confidence: attemptOf(policy, 1).confidence, resamples: policy.resamples, seed: '' };
  return Array.from({ length: trials }, (_, i) => {
    const simulated = simulateBenchmark({ ...setup, seed: i + 1 });
    const pairs: PairedCase[] = pairCases(simulated.cases, simulated.baseline, simulated.candidate);
    const comparison = COMPARE[metric](pairs, { ...options, seed: `simulation:${i + 1}` }) as EffectComparison;
    return { comparison, verdict: verdictOf(comparison, metric, policy) };
  });
}

function verdictOf(comparison: EffectComparison, metric: EffectMetric, policy: GatePolicy): Verdict {
  const rule = policy.metrics[metric];
  return effectVerdict(harmOf(comparison, rule.worse), rule, String).verdict;
}
