import { agentPolicyInForce, storeAgentPolicy, type AgentPolicyInForce, type AgentPolicyKind } from '../store/agentPolicies.ts';
import type { Store } from '../store/Store.ts';
import { appendReleaseEvent } from './releaseRepository.ts';
import { DEFAULT_RELEASE_POLICY } from './releasePolicy.ts';
import { releasePolicySchema, type ReleasePolicy } from '@trumpets/protocol/api';

export type ReleasePolicyInForce = AgentPolicyInForce<ReleasePolicy>;

const RELEASE_POLICIES: AgentPolicyKind<ReleasePolicy> = {
  table: 'release_policies',
  currentQuery: 'release_policy_current',
  schema: releasePolicySchema,
  defaults: DEFAULT_RELEASE_POLICY,
};

export function releasePolicyInForce(store: Store, agent: string): Promise<ReleasePolicyInForce> {
  return agentPolicyInForce(store, RELEASE_POLICIES, agent);
}

/** Stores the policy complete with its defaults (new releases start under it) and records the change in the audit trail. */
export async function storeReleasePolicy(store: Store, agent: string, policy: ReleasePolicy, actor: string): Promise<ReleasePolicyInForce> {
  const version = await storeAgentPolicy(store, RELEASE_POLICIES, agent, policy, actor);
  await appendReleaseEvent(store, {
    agent,
    action: 'policy_changed',
    outcome: 'done',
    actor,
    reason: 'release policy set',
    details: { version, policy },
  });
  return releasePolicyInForce(store, agent);
}
