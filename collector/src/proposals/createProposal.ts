import type { Proposal } from '@trumpets/protocol/api';
import { randomUUID } from 'node:crypto';
import { jsonEqual } from '../shared/canonicalJson.ts';
import { getConfig, registerConfig } from '../configs/configRepository.ts';
import { ChangeConflict, applyChange } from '../configs/jsonPointer.ts';
import type { Store } from '../store/Store.ts';
import { findSetVersion } from './benchmarkSets/setVersions.ts';
import { singleTarget, type CreateProposal } from './proposalRequest.ts';
import { getProposal, insertProposal } from './proposalRepository.ts';
import { HttpError } from '../http/HttpError.ts';

/**
 * A proposal of one change. For a config change the candidate is the baseline with the change
 * applied, registered as a config version of its own, so both sides of every later comparison
 * are exact, retrievable versions.
 */
export async function createProposal(store: Store, body: CreateProposal, actor: string): Promise<Proposal> {
  const target = singleTarget(body);
  const id = randomUUID();
  let candidateVersion = '';
  if (target.kind === 'config') {
    const baseline = await getConfig(store, body.agent, target.baselineVersion);
    if (!baseline)
      throw new HttpError(
        404,
        `agent ${body.agent} has no config version ${target.baselineVersion}; register it with POST /api/agents/${body.agent}/configs`,
      );
    let candidate;
    try {
      candidate = applyChange(baseline.config, target.path, target.change);
    } catch (error) {
      if (error instanceof ChangeConflict) throw new HttpError(409, `the change does not fit the baseline: ${error.message}`);
      throw error;
    }
    if (jsonEqual(candidate, baseline.config))
      throw new HttpError(400, `the change leaves ${target.path} as it is: before and after are the same`);
    const registered = await registerConfig(store, {
      agent: body.agent,
      config: candidate,
      parentVersion: baseline.version,
      proposalId: id,
      note: `candidate of proposal ${id}: ${target.path}`,
      createdBy: body.author.name,
    });
    candidateVersion = registered.stored.version;
  } else {
    const set = await findSetVersion(store, target.setId);
    if (!set) throw new HttpError(404, `no benchmark set ${target.setId}`);
    if (set.set.agent !== body.agent)
      throw new HttpError(409, `benchmark set ${target.setId} belongs to agent ${set.set.agent}, not ${body.agent}`);
  }
  await insertProposal(
    store,
    id,
    {
      agent: body.agent,
      target,
      candidateVersion,
      rationale: body.rationale,
      author: body.author,
      failureClusterId: body.failureClusterId,
    },
    actor,
  );
  return (await getProposal(store, id))!;
}
