import type { z } from 'zod';
import { getConfig } from '../../configs/configRepository.ts';
import type { Store } from '../../store/Store.ts';
import { findSetVersion } from '../benchmarkSets/setVersions.ts';
import { assertCanMove, requireProposal } from '../moveProposal.ts';
import { appendEvent } from '../proposalRepository.ts';
import { HttpError } from '../../http/HttpError.ts';
import type { registerRunSchema } from '@trumpets/protocol/api';
import { insertRun } from './runRepository.ts';

/**
 * Registers one pass of a set as baseline or candidate of a proposal and answers with everything
 * the runner needs: the run id its episodes carry, the exact config to run, and the frozen cases.
 * The first run moves a draft proposal to validating.
 */
export async function registerRun(store: Store, request: z.output<typeof registerRunSchema>, actor: string) {
  const proposal = await requireProposal(store, request.proposalId);
  if (proposal.target.kind !== 'config')
    throw new HttpError(409, `proposal ${proposal.id} adds a benchmark case: there is no candidate config to run`);
  if (proposal.state !== 'draft' && proposal.state !== 'validating') {
    throw new HttpError(409, `proposal ${proposal.id} is ${proposal.state}: runs are registered while a proposal is draft or validating`);
  }
  const found = await findSetVersion(store, request.setId, request.setVersion);
  if (!found)
    throw new HttpError(
      404,
      request.setVersion ? `benchmark set ${request.setId} has no version ${request.setVersion}` : `no benchmark set ${request.setId}`,
    );
  if (found.set.agent !== proposal.agent)
    throw new HttpError(409, `benchmark set ${request.setId} belongs to agent ${found.set.agent}, not ${proposal.agent}`);
  const configVersion = request.variant === 'baseline' ? proposal.target.baselineVersion : proposal.target.candidateVersion;
  const config = await getConfig(store, proposal.agent, configVersion);
  if (!config) throw new HttpError(409, `the ${request.variant} config ${configVersion} of agent ${proposal.agent} is not stored`);

  const run = await insertRun(store, {
    proposalId: proposal.id,
    agent: proposal.agent,
    variant: request.variant,
    configVersion,
    setId: found.set.setId,
    setVersion: found.set.version,
    repeats: request.repeats,
    expectedRuns: found.cases.length * request.repeats,
    createdBy: actor,
  });
  if (proposal.state === 'draft') {
    assertCanMove(proposal, 'validating');
    await appendEvent(store, proposal.id, { state: 'validating', reason: `${request.variant} run ${run.runId} registered`, actor });
  }
  return { ...run, config: config.config, cases: found.cases };
}
