import { gatePolicySchema, type GatePolicy } from '@trumpets/protocol/api';
import { agentPolicyInForce, storeAgentPolicy, type AgentPolicyInForce, type AgentPolicyKind } from '../../store/agentPolicies.ts';
import type { Store } from '../../store/Store.ts';
import { DEFAULT_GATE_POLICY } from './gatePolicy.ts';

export type PolicyInForce = AgentPolicyInForce<GatePolicy>;

const GATE_POLICIES: AgentPolicyKind<GatePolicy> = {
  table: 'gate_policies',
  currentQuery: 'gate_policy_current',
  schema: gatePolicySchema,
  defaults: DEFAULT_GATE_POLICY,
};

export function policyInForce(store: Store, agent: string): Promise<PolicyInForce> {
  return agentPolicyInForce(store, GATE_POLICIES, agent);
}

/** Stores a checked policy, complete with its defaults, as the agent's policy from now on. */
export async function storePolicy(store: Store, agent: string, policy: GatePolicy, createdBy: string): Promise<PolicyInForce> {
  await storeAgentPolicy(store, GATE_POLICIES, agent, policy, createdBy);
  return policyInForce(store, agent);
}
