import { getConfig } from '../configs/configRepository.ts';
import { getDecision, latestDecisionId } from '../gates/decisions/decisionRepository.ts';
import { appendEvent, getProposal } from '../proposals/proposalRepository.ts';
import type { Store } from '../store/Store.ts';
import type { PromoteRequest } from '@trumpets/protocol/api';
import { releasePolicyInForce } from './releasePolicyRepository.ts';
import { releasePolicySchema } from '@trumpets/protocol/api';
import { appendReleaseEvent, insertRelease, listReleases, servingReleases, type Release } from './releaseRepository.ts';
import { refuse } from './refuse.ts';

const PROMOTABLE_VERDICTS = new Set(['pass', 'marginal']);

/**
 * Makes a release: from a validated proposal (its latest gate decision pass or marginal, or any
 * decision with an override and its reason), or, for an agent's first release, from a config
 * version, which then serves everyone at once. Every refusal is in the audit trail.
 */
export async function promoteRelease(store: Store, request: PromoteRequest, actor: string): Promise<Release> {
  const { agent } = request;
  const attempt = { agent, action: 'promotion' as const, actor, reason: request.reason, details: { request } };
  const all = await listReleases(store, agent);
  const { stable, candidate } = servingReleases(all);
  const inForce = await releasePolicyInForce(store, agent);
  const policy = releasePolicySchema.parse({ ...inForce.policy, ...request.rollout });

  if (request.proposalId === undefined) {
    const configVersion = request.configVersion!;
    if (all.length > 0)
      return refuse(store, attempt, 409, `agent ${agent} already has releases; later releases come from validated proposals (proposalId)`);
    if (!(await getConfig(store, agent, configVersion)))
      return refuse(store, attempt, 409, `agent ${agent} has no config version ${configVersion}; register it with POST /api/configs first`);
    const id = await insertRelease(store, { agent, configVersion, owner: request.owner, reason: request.reason, policy }, actor);
    await created(store, agent, id, policy.stages.length - 1, 100, actor, request.reason);
    return (await listReleases(store, agent)).find((release) => release.id === id)!;
  }

  const proposal = await getProposal(store, request.proposalId);
  if (!proposal) return refuse(store, attempt, 404, `no proposal ${request.proposalId}`);
  if (proposal.agent !== agent)
    return refuse(store, attempt, 409, `proposal ${proposal.id} belongs to agent ${proposal.agent}, not ${agent}`);
  if (proposal.target.kind !== 'config')
    return refuse(store, attempt, 409, `proposal ${proposal.id} adds a benchmark case; only config changes become releases`);
  if (proposal.state === 'withdrawn') return refuse(store, attempt, 409, `proposal ${proposal.id} was withdrawn`);

  const decisionId = await latestDecisionId(store, proposal.id);
  const decision = decisionId ? await getDecision(store, decisionId) : undefined;
  const promotable = decision !== undefined && PROMOTABLE_VERDICTS.has(decision.verdict);
  const overrideReason = request.override?.reason.trim();
  if (!promotable) {
    const why = decision
      ? `its latest gate decision ${decision.id} is ${decision.verdict}${decision.reasons.length ? `: ${decision.reasons.join('; ')}` : ''}`
      : 'it has no gate decision yet (validate it first)';
    if (request.override && !overrideReason)
      return refuse(store, attempt, 400, `an override needs a reason: proposal ${proposal.id} cannot be released because ${why}`);
    if (!request.override)
      return refuse(
        store,
        attempt,
        409,
        `proposal ${proposal.id} cannot be released because ${why}; an act caller may send override: { reason }`,
      );
  }
  if (candidate)
    return refuse(
      store,
      attempt,
      409,
      `release ${candidate.id} of ${agent} is ${candidate.state.status}; advance it to 100%, abort it or roll it back first`,
    );
  if (!stable)
    return refuse(
      store,
      attempt,
      409,
      `agent ${agent} has no stable release to compare against; create the first release from config version ${proposal.target.baselineVersion} (configVersion) first`,
    );
  const configVersion = proposal.target.candidateVersion;
  if (!(await getConfig(store, agent, configVersion)))
    return refuse(store, attempt, 409, `the config version ${configVersion} proposal ${proposal.id} produces is not registered`);

  const id = await insertRelease(
    store,
    {
      agent,
      configVersion,
      proposalId: proposal.id,
      decision: decision ? { id: decision.id, verdict: decision.verdict } : undefined,
      overrideReason: promotable ? undefined : overrideReason,
      previousReleaseId: stable.id,
      owner: request.owner,
      reason: request.reason,
      policy,
    },
    actor,
  );
  await created(
    store,
    agent,
    id,
    0,
    policy.stages[0]!,
    actor,
    request.reason,
    overrideReason && !promotable ? { override: overrideReason } : {},
  );
  if (proposal.state !== 'promoted')
    await appendEvent(store, proposal.id, { state: 'promoted', reason: `released as ${id}: ${request.reason}`, actor });
  return (await listReleases(store, agent)).find((release) => release.id === id)!;
}

async function created(
  store: Store,
  agent: string,
  releaseId: string,
  stageIndex: number,
  percent: number,
  actor: string,
  reason: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await appendReleaseEvent(store, { agent, releaseId, action: 'created', outcome: 'done', stageIndex, percent, actor, reason, details });
}
