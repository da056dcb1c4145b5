import { z } from 'zod';
import { compareRuns } from '../../gates/comparison/compareRuns.ts';
import { attemptsSpent, insertDecision } from '../../gates/decisions/decisionRepository.ts';
import { attemptOf } from '../../gates/policy/attempts.ts';

import { evaluateGate } from '../../gates/policy/evaluateGate.ts';
import { policyInForce } from '../../gates/policy/policyRepository.ts';
import type { Store } from '../../store/Store.ts';
import { setCases } from '../benchmarkSets/setRepository.ts';
import { requireProposal } from '../moveProposal.ts';
import { appendEvent } from '../proposalRepository.ts';
import { stateAfterVerdict } from '../proposalStates.ts';
import type { BenchmarkRun, EpisodesMissing, GateDecision, validationRequestSchema } from '@trumpets/protocol/api';
import { getRun } from '../runs/runRepository.ts';
import { HttpError } from '../../http/HttpError.ts';
import { costUnitOf, loadRunObservations, missingEpisodes, toCaseRun } from './runObservations.ts';

/**
 * Compares the baseline and candidate runs of a proposal, judges the comparison by the agent's
 * gate policy, stores the decision linked to both runs, both config versions, the set version and
 * the policy, and moves the proposal when the policy is enforced (not in shadow mode). Each
 * enforced decision on a change is one of the policy's `maxAttempts`, at the confidence its share
 * of the error rate gives; once they are spent the change can no longer be validated (409).
 */
export async function validateProposal(
  store: Store,
  proposalId: string,
  request: z.output<typeof validationRequestSchema>,
  actor: string,
): Promise<GateDecision> {
  const proposal = await requireProposal(store, proposalId);
  if (proposal.target.kind !== 'config')
    throw new HttpError(409, `proposal ${proposalId} adds a benchmark case: there is nothing to compare`);
  if (proposal.state !== 'draft' && proposal.state !== 'validating')
    throw new HttpError(409, `proposal ${proposalId} is ${proposal.state}: it is no longer open to validation`);
  const baseline = await runOf(store, request.baselineRunId, proposalId, 'baseline', proposal.target.baselineVersion);
  const candidate = await runOf(store, request.candidateRunId, proposalId, 'candidate', proposal.target.candidateVersion);
  if (baseline.setId !== candidate.setId || baseline.setVersion !== candidate.setVersion) {
    throw new HttpError(
      409,
      `the runs used different cases: baseline ${baseline.setId} v${baseline.setVersion}, candidate ${candidate.setId} v${candidate.setVersion}; a paired comparison needs the same set version`,
    );
  }

  const [cases, baselineObservations, candidateObservations] = await Promise.all([
    setCases(store, baseline.setId, baseline.setVersion),
    loadRunObservations(store, baseline.runId),
    loadRunObservations(store, candidate.runId),
  ]);
  const missing = missingEpisodes(baselineObservations) + missingEpisodes(candidateObservations);
  if (missing > 0 && !request.allowMissingEpisodes) {
    throw new HttpError(
      409,
      `${missing} episodes of these runs are not stored yet; retry shortly, or send allowMissingEpisodes: true to count them as errors`,
      { missingEpisodes: missing, retryAfterSeconds: 2 } satisfies EpisodesMissing,
    );
  }

  const costUnit = costUnitOf([...baselineObservations, ...candidateObservations]);
  const policy = await policyInForce(store, proposal.agent);
  const spent = await attemptsSpent(store, {
    agent: proposal.agent,
    baselineVersion: baseline.configVersion,
    candidateVersion: candidate.configVersion,
  });
  if (spent >= policy.policy.maxAttempts && !policy.policy.shadow)
    throw new HttpError(
      409,
      `this change (baseline ${baseline.configVersion}, candidate ${candidate.configVersion}) has used ${spent} of the ${policy.policy.maxAttempts} validations the gate policy allows: the attempts share the policy's error rate, so validating again could buy a pass. ` +
        'Rework the change (a new candidate version) or raise maxAttempts in the policy.',
      { attempts: spent, maxAttempts: policy.policy.maxAttempts },
    );
  const attempt = attemptOf(policy.policy, Math.min(spent + 1, policy.policy.maxAttempts));
  const seed = `${baseline.runId}:${candidate.runId}`;
  const comparison = compareRuns(
    cases,
    { runs: baselineObservations.map((o) => toCaseRun(o, costUnit)), expectedRuns: baseline.expectedRuns },
    { runs: candidateObservations.map((o) => toCaseRun(o, costUnit)), expectedRuns: candidate.expectedRuns },
    { confidence: attempt.confidence, resamples: policy.policy.resamples, seed, costUnit },
  );
  const decision = evaluateGate(comparison, policy.policy, attempt);
  const stored = await insertDecision(store, {
    ...decision,
    proposalId,
    agent: proposal.agent,
    baseline: { runId: baseline.runId, configVersion: baseline.configVersion },
    candidate: { runId: candidate.runId, configVersion: candidate.configVersion },
    set: { id: baseline.setId, version: baseline.setVersion },
    policy: { version: policy.version, policy: policy.policy },
    cases: comparison.pairs,
    seed,
    decidedBy: actor,
  });

  if (decision.enforced) {
    if (proposal.state === 'draft') await appendEvent(store, proposalId, { state: 'validating', reason: 'validation requested', actor });
    const next = stateAfterVerdict(decision.verdict);
    if (next)
      await appendEvent(store, proposalId, {
        state: next,
        reason: `gate ${decision.verdict}: ${decision.reasons.join(' ')}`,
        actor,
        decisionId: stored.id,
      });
  }
  return stored;
}

async function runOf(
  store: Store,
  runId: string,
  proposalId: string,
  variant: 'baseline' | 'candidate',
  configVersion: string,
): Promise<BenchmarkRun> {
  const run = await getRun(store, runId);
  if (!run) throw new HttpError(404, `no validation run ${runId}`);
  if (run.proposalId !== proposalId) throw new HttpError(409, `run ${runId} belongs to proposal ${run.proposalId}, not ${proposalId}`);
  if (run.variant !== variant) throw new HttpError(409, `run ${runId} is a ${run.variant} run, given as the ${variant}`);
  if (run.configVersion !== configVersion)
    throw new HttpError(409, `run ${runId} ran config ${run.configVersion}, not the proposal's ${variant} ${configVersion}`);
  return run;
}
