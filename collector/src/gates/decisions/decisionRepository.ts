import type { GateDecision, GatePolicy, Verdict } from '@trumpets/protocol/api';
import { randomUUID } from 'node:crypto';
import { isoFromMs, nowMicrosText } from '../../shared/clock.ts';
import type { Store } from '../../store/Store.ts';
import { attemptOf } from '../policy/attempts.ts';

interface DecisionRow {
  DecisionId: string;
  ProposalId: string;
  Agent: string;
  BaselineRunId: string;
  CandidateRunId: string;
  BaselineVersion: string;
  CandidateVersion: string;
  SetId: string;
  SetVersion: number;
  PolicyVersion: string;
  Policy: string;
  Verdict: string;
  Enforced: boolean;
  Reasons: string[];
  Metrics: string;
  Cases: string;
  Health: string;
  Seed: string;
  Attempt: number | string;
  DecidedBy: string;
  decidedMs: string;
}

/** Stores a decision (append-only) and returns it as served. */
export async function insertDecision(store: Store, decision: Omit<GateDecision, 'id' | 'decidedAt'>): Promise<GateDecision> {
  const id = randomUUID();
  await store.insert('gate_decisions', [
    {
      DecisionId: id,
      ProposalId: decision.proposalId,
      Agent: decision.agent,
      BaselineRunId: decision.baseline.runId,
      CandidateRunId: decision.candidate.runId,
      BaselineVersion: decision.baseline.configVersion,
      CandidateVersion: decision.candidate.configVersion,
      SetId: decision.set.id,
      SetVersion: decision.set.version,
      PolicyVersion: decision.policy.version,
      Policy: JSON.stringify(decision.policy.policy),
      Verdict: decision.verdict,
      Enforced: decision.enforced,
      Reasons: decision.reasons,
      Metrics: JSON.stringify(decision.metrics),
      Cases: JSON.stringify(decision.cases),
      Health: JSON.stringify({ health: decision.health, flaky: decision.flaky }),
      Seed: decision.seed,
      Attempt: decision.attempt?.number ?? 0,
      DecidedBy: decision.decidedBy,
      DecidedAt: nowMicrosText(),
    },
  ]);
  return (await getDecision(store, id))!;
}

export async function getDecision(store: Store, decisionId: string): Promise<GateDecision | undefined> {
  const [row] = await store.named<DecisionRow>('gate_decision_get', { decisionId });
  if (!row) return undefined;
  const { health, flaky } = JSON.parse(row.Health) as Pick<GateDecision, 'health' | 'flaky'>;
  const policy = JSON.parse(row.Policy) as GatePolicy;
  const attempt = Number(row.Attempt);
  return {
    id: row.DecisionId,
    proposalId: row.ProposalId,
    agent: row.Agent,
    verdict: row.Verdict as Verdict,
    enforced: Boolean(row.Enforced),
    reasons: row.Reasons,
    metrics: JSON.parse(row.Metrics) as GateDecision['metrics'],
    baseline: { runId: row.BaselineRunId, configVersion: row.BaselineVersion },
    candidate: { runId: row.CandidateRunId, configVersion: row.CandidateVersion },
    set: { id: row.SetId, version: Number(row.SetVersion) },
    policy: { version: row.PolicyVersion, policy },
    ...(attempt > 0 && policy.maxAttempts ? { attempt: attemptOf(policy, attempt) } : {}),
    health,
    flaky,
    cases: JSON.parse(row.Cases) as GateDecision['cases'],
    seed: row.Seed,
    decidedBy: row.DecidedBy,
    decidedAt: isoFromMs(row.decidedMs),
  };
}

export async function latestDecisionId(store: Store, proposalId: string): Promise<string | undefined> {
  const [row] = await store.named<{ DecisionId: string }>('gate_decision_latest', { proposalId });
  return row?.DecisionId;
}

/**
 * Earlier decisions that spent a share of the error rate on this change (enforced, not on a broken
 * run), whatever proposal carried it: the same baseline and candidate versions are the same change.
 */
export async function attemptsSpent(
  store: Store,
  change: { agent: string; baselineVersion: string; candidateVersion: string },
): Promise<number> {
  const [row] = await store.named<{ attempts: number | string }>('gate_decision_attempts', change);
  return Number(row?.attempts ?? 0);
}
