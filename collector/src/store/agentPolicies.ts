import type { z } from 'zod';
import { contentVersion, type Json } from '../shared/canonicalJson.ts';
import { isoFromMs, nowMicrosText } from '../shared/clock.ts';
import type { QueryName } from './namedQueries.ts';
import type { Store, WritableTable } from './Store.ts';

/** A kind of per-agent policy kept as versions in a table, the newest in force (gate policies, release policies). */
export interface AgentPolicyKind<Policy> {
  table: WritableTable;
  /** The query reading an agent's newest stored version. */
  currentQuery: QueryName;
  schema: z.ZodType<Policy>;
  defaults: Policy;
}

export interface AgentPolicyInForce<Policy> {
  agent: string;
  /** Content version of the policy with its defaults filled in. */
  version: string;
  policy: Policy;
  /** No policy was stored for the agent: the defaults decide. */
  isDefault: boolean;
  createdBy: string | null;
  createdAt: string | null;
}

export async function agentPolicyInForce<Policy>(
  store: Store,
  kind: AgentPolicyKind<Policy>,
  agent: string,
): Promise<AgentPolicyInForce<Policy>> {
  const [row] = await store.named<{ Version: string; Policy: string; CreatedBy: string; createdMs: string }>(kind.currentQuery, {
    agent,
  });
  if (!row)
    return { agent, version: policyVersion(kind.defaults), policy: kind.defaults, isDefault: true, createdBy: null, createdAt: null };
  // Stored complete, so later changes to the defaults never change a policy someone set.
  return {
    agent,
    version: row.Version,
    policy: kind.schema.parse(JSON.parse(row.Policy)),
    isDefault: false,
    createdBy: row.CreatedBy,
    createdAt: isoFromMs(row.createdMs),
  };
}

/** Stores a checked policy, complete with its defaults, as the agent's policy from now on; returns its version. */
export async function storeAgentPolicy<Policy>(
  store: Store,
  kind: AgentPolicyKind<Policy>,
  agent: string,
  policy: Policy,
  createdBy: string,
): Promise<string> {
  const version = policyVersion(policy);
  await store.insert(kind.table, [
    { Agent: agent, Version: version, Policy: JSON.stringify(policy), CreatedBy: createdBy, CreatedAt: nowMicrosText() },
  ]);
  return version;
}

function policyVersion(policy: unknown): string {
  return contentVersion(policy as Json);
}
