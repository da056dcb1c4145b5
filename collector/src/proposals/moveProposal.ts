import type { Store } from '../store/Store.ts';
import { manualCase } from './benchmarkSets/drawCases.ts';
import type { ManualCase } from '@trumpets/protocol/api';
import { addCasesToSet } from './benchmarkSets/setVersions.ts';
import { appendEvent, getProposal } from './proposalRepository.ts';
import type { ProposalState, Proposal } from '@trumpets/protocol/api';
import { canMove, nextStates } from './proposalStates.ts';
import { HttpError } from '../http/HttpError.ts';

/**
 * A move people make by hand: withdraw, or promote. Promoting a new benchmark case adds it to the
 * next version of its set. Validating, validated and rejected come only from the gate.
 */
export async function moveProposal(
  store: Store,
  proposalId: string,
  to: 'promoted' | 'withdrawn',
  reason: string,
  actor: string,
): Promise<Proposal> {
  const proposal = await requireProposal(store, proposalId);
  assertCanMove(proposal, to);
  let why = reason;
  if (to === 'promoted' && proposal.target.kind === 'benchmark_case') {
    const set = await addCasesToSet(
      store,
      proposal.target.setId,
      proposal.target.cases.map((added) => ({
        ...manualCase(added as ManualCase, 'proposal'),
        failureClusterId: proposal.failureClusterId,
      })),
      actor,
    );
    why = `${reason} (added to benchmark set ${set.setId} as version ${set.version})`;
  }
  await appendEvent(store, proposalId, { state: to, reason: why, actor });
  return (await getProposal(store, proposalId))!;
}

export async function requireProposal(store: Store, proposalId: string): Promise<Proposal> {
  const proposal = await getProposal(store, proposalId);
  if (!proposal) throw new HttpError(404, `no proposal ${proposalId}`);
  return proposal;
}

export function assertCanMove(proposal: Proposal, to: ProposalState): void {
  if (canMove(proposal.target.kind, proposal.state, to)) return;
  const allowed = nextStates(proposal.target.kind, proposal.state);
  throw new HttpError(
    409,
    `proposal ${proposal.id} is ${proposal.state} and cannot become ${to}` +
      (allowed.length > 0 ? `; from ${proposal.state} it can become ${allowed.join(' or ')}` : '; that is final'),
  );
}
