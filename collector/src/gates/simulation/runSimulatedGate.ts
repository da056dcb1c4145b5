import { compareRuns } from '../comparison/compareRuns.ts';
import { evaluateGate, type GateDecision } from '../policy/evaluateGate.ts';
import type { GatePolicy } from '../policy/gatePolicy.ts';
import { simulateBenchmark, type SimulationOptions } from './simulateBenchmark.ts';

/** One simulated benchmark judged end to end by the same comparison and policy code the collector runs. */
export function runSimulatedGate(options: SimulationOptions, policy: GatePolicy): GateDecision {
  const simulated = simulateBenchmark(options);
  const expectedRuns = options.cases * options.repeats;
  const comparison = compareRuns(
    simulated.cases,
    { runs: simulated.baseline, expectedRuns },
    { runs: simulated.candidate, expectedRuns },
    { confidence: policy.confidence, resamples: policy.resamples, seed: `simulation:${options.seed}` },
  );
  return evaluateGate(comparison, policy);
}

/** The decisions of `trials` simulated benchmarks, seeds 1..trials. */
export function decisionsOver(trials: number, options: Omit<SimulationOptions, 'seed'>, policy: GatePolicy): GateDecision[] {
  return Array.from({ length: trials }, (_, i) => runSimulatedGate({ ...options, seed: i + 1 }, policy));
}

/** Share of decisions that satisfy `predicate`. */
export function shareOf(decisions: readonly GateDecision[], predicate: (decision: GateDecision) => boolean): number {
  return decisions.filter(predicate).length / decisions.length;
}
