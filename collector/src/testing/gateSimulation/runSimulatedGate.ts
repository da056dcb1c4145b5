import type { GatePolicy } from '@trumpets/protocol/api';
import { compareRuns } from '../../gates/comparison/compareRuns.ts';
import { attemptOf } from '../../gates/policy/attempts.ts';
import { evaluateGate, type GateJudgement } from '../../gates/policy/evaluateGate.ts';
import { simulateBenchmark, type SimulationOptions } from './simulateBenchmark.ts';

/** One simulated benchmark judged end to end by the same comparison and policy code the collector runs, as a change's first attempt. */
export function runSimulatedGate(options: SimulationOptions, policy: GatePolicy): GateJudgement {
  const attempt = attemptOf(policy, 1);
  const simulated = simulateBenchmark(options);
  const expectedRuns = options.cases * options.repeats;
  const comparison = compareRuns(
    simulated.cases,
    { runs: simulated.baseline, expectedRuns },
    { runs: simulated.candidate, expectedRuns },
    { confidence: attempt.confidence, resamples: policy.resamples, seed: `simulation:${options.seed}` },
  );
  return evaluateGate(comparison, policy, attempt);
}

/** The decisions of `trials` simulated benchmarks, seeds 1..trials. */
export function decisionsOver(trials: number, options: Omit<SimulationOptions, 'seed'>, policy: GatePolicy): GateJudgement[] {
  return Array.from({ length: trials }, (_, i) => runSimulatedGate({ ...options, seed: i + 1 }, policy));
}

/** Share of decisions (or trials) that satisfy `predicate`. */
export function shareOf<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  return items.filter(predicate).length / items.length;
}
