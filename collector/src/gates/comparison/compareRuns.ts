import type { GateMetric, MetricComparison, PairedCase, RunHealth } from '@trumpets/protocol/api';
import type { BenchmarkCaseRef, CaseRun } from './caseRuns.ts';
import { compareCost } from './compareCost.ts';
import { compareMedianLatency, compareP95Latency } from './compareLatency.ts';
import { compareQuality } from './compareQuality.ts';
import { compareSafety } from './compareSafety.ts';
import type { ComparisonOptions } from './metricComparison.ts';
import { pairCases } from './pairCases.ts';
import { runHealth } from './runHealth.ts';

export interface VariantRuns {
  runs: readonly CaseRun[];
  /** Cases × repeats the run was registered for. */
  expectedRuns: number;
}

export interface Comparison {
  pairs: PairedCase[];
  health: { baseline: RunHealth; candidate: RunHealth };
  metrics: Record<GateMetric, MetricComparison>;
  /** Cases whose repeats disagreed on quality, per variant. */
  flaky: { baseline: string[]; candidate: string[] };
}

/** Baseline and candidate runs of the same frozen set, compared metric by metric on the same cases. */
export function compareRuns(
  cases: readonly BenchmarkCaseRef[],
  baseline: VariantRuns,
  candidate: VariantRuns,
  options: ComparisonOptions,
): Comparison {
  const pairs = pairCases(cases, baseline.runs, candidate.runs);
  return {
    pairs,
    health: { baseline: runHealth(baseline.runs, baseline.expectedRuns), candidate: runHealth(candidate.runs, candidate.expectedRuns) },
    metrics: {
      quality: compareQuality(pairs, options),
      latency_median: compareMedianLatency(pairs, options),
      latency_p95: compareP95Latency(pairs, options),
      cost: compareCost(pairs, options),
      safety: compareSafety(pairs),
    },
    flaky: {
      baseline: pairs.filter((pair) => pair.baseline.flaky).map((pair) => pair.caseId),
      candidate: pairs.filter((pair) => pair.candidate.flaky).map((pair) => pair.caseId),
    },
  };
}
