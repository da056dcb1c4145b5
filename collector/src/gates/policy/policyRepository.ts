import { contentVersion, type Json } from '../../shared/canonicalJson.ts';
import { isoFromMs, nowMicrosText } from '../../shared/clock.ts';
import type { Store } from '../../store/Store.ts';
import { DEFAULT_GATE_POLICY, gatePolicySchema, type GatePolicy } from './gatePolicy.ts';

export interface PolicyInForce {
  agent: string;
  /** Content version of the policy with its defaults filled in. */
  version: string;
  policy: GatePolicy;
  /** No policy was stored for the agent: the defaults decide. */
  isDefault: boolean;
  createdBy: string | null;
  createdAt: string | null;
}

export async function policyInForce(store: Store, agent: string): Promise<PolicyInForce> {
  const [row] = await store.named<{ Version: string; Policy: string; CreatedBy: string; createdMs: string }>('gate_policy_current', {
    agent,
  });
  if (!row)
    return {
      agent,
      version: policyVersion(DEFAULT_GATE_POLICY),
      policy: DEFAULT_GATE_POLICY,
      isDefault: true,
      createdBy: null,
      createdAt: null,
    };
  // Stored complete, so later changes to the defaults never change a policy someone set.
  return {
    agent,
    version: row.Version,
    policy: gatePolicySchema.parse(JSON.parse(row.Policy)),
    isDefault: false,
    createdBy: row.CreatedBy,
    createdAt: isoFromMs(row.createdMs),
  };
}

/** Stores a checked policy, complete with its defaults, as the agent's policy from now on. */
export async function storePolicy(store: Store, agent: string, policy: GatePolicy, createdBy: string): Promise<PolicyInForce> {
  const version = policyVersion(policy);
  await store.insert('gate_policies', [
    { Agent: agent, Version: version, Policy: JSON.stringify(policy), CreatedBy: createdBy, CreatedAt: nowMicrosText() },
  ]);
  return policyInForce(store, agent);
}

function policyVersion(policy: GatePolicy): string {
  return contentVersion(policy as unknown as Json);
}
