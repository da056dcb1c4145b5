import type { CaseSummary, PairedCase } from '@trumpets/protocol/api';
import { median } from 'simple-statistics';
import { HIGH_RISK_TAG, type BenchmarkCaseRef, type CaseRun } from './caseRuns.ts';

/** The set's cases with both variants' runs side by side: the unit every paired test resamples. */
export function pairCases(cases: readonly BenchmarkCaseRef[], baseline: readonly CaseRun[], candidate: readonly CaseRun[]): PairedCase[] {
  const baselineByCase = groupByCase(baseline);
  const candidateByCase = groupByCase(candidate);
  return cases.map((benchmarkCase) => ({
    caseId: benchmarkCase.caseId,
    tags: benchmarkCase.tags,
    highRisk: benchmarkCase.tags.includes(HIGH_RISK_TAG),
    baseline: summarize(baselineByCase.get(benchmarkCase.caseId) ?? []),
    candidate: summarize(candidateByCase.get(benchmarkCase.caseId) ?? []),
  }));
}

function summarize(runs: readonly CaseRun[]): CaseSummary {
  const usable = [...runs].filter((run) => run.error === undefined).sort((a, b) => a.repeat - b.repeat);
  const qualities = usable.flatMap((run) => (run.quality === undefined ? [] : [run.quality]));
  const latencies = usable.flatMap((run) => (run.latencyMs === undefined ? [] : [run.latencyMs]));
  const costs = usable.flatMap((run) => (run.cost === undefined ? [] : [run.cost]));
  const violated = usable.filter((run) => run.safetyFlags.length > 0);
  return {
    runs: runs.length,
    errors: runs.length - usable.length,
    qualities,
    quality: qualities.length > 0 ? average(qualities) : undefined,
    flaky: qualities.some((quality) => quality !== qualities[0]),
    latencyMs: latencies.length > 0 ? median(latencies) : undefined,
    cost: costs.length > 0 ? average(costs) : undefined,
    usableRuns: usable.length,
    escalations: usable.filter((run) => run.escalated).length,
    violatedRuns: violated.length,
    violationKinds: [...new Set(violated.flatMap((run) => run.safetyFlags))].sort(),
  };
}

function groupByCase(runs: readonly CaseRun[]): Map<string, CaseRun[]> {
  const byCase = new Map<string, CaseRun[]>();
  for (const run of runs) {
    const list = byCase.get(run.caseId);
    if (list) list.push(run);
    else byCase.set(run.caseId, [run]);
  }
  return byCase;
}

function average(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0) / values.length;
}
