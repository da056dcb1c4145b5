import type { PairedCase } from '../comparison/pairCases.ts';
import type { GateDecision } from '../policy/evaluateGate.ts';
import type { GatePolicy } from '../policy/gatePolicy.ts';

/** A gate decision as stored and served: the verdict with everything it was decided on. */
export interface StoredDecision extends Omit<GateDecision, 'health' | 'flaky'> {
  id: string;
  proposalId: string;
  agent: string;
  baseline: { runId: string; configVersion: string };
  candidate: { runId: string; configVersion: string };
  set: { id: string; version: number };
  policy: { version: string; policy: GatePolicy };
  health: GateDecision['health'];
  flaky: GateDecision['flaky'];
  /** Per case, both sides: quality per repeat, latency, cost, escalations, safety flags, errors. */
  cases: PairedCase[];
  seed: string;
  decidedBy: string;
  decidedAt: string;
}
