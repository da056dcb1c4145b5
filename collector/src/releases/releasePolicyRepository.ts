import { contentVersion, type Json } from '../shared/canonicalJson.ts';
import { isoFromMs, nowMicrosText } from '../shared/clock.ts';
import type { Store } from '../store/Store.ts';
import { appendReleaseEvent } from './releaseRepository.ts';
import { DEFAULT_RELEASE_POLICY } from './releasePolicy.ts';
import { releasePolicySchema, type ReleasePolicy } from '@trumpets/protocol/api';

export interface ReleasePolicyInForce {
  agent: string;
  version: string;
  policy: ReleasePolicy;
  isDefault: boolean;
  createdBy: string | null;
  createdAt: string | null;
}

export async function releasePolicyInForce(store: Store, agent: string): Promise<ReleasePolicyInForce> {
  const [row] = await store.named<{ Version: string; Policy: string; CreatedBy: string; createdMs: string }>('release_policy_current', {
    agent,
  });
  if (!row)
    return {
      agent,
      version: versionOf(DEFAULT_RELEASE_POLICY),
      policy: DEFAULT_RELEASE_POLICY,
      isDefault: true,
      createdBy: null,
      createdAt: null,
    };
  return {
    agent,
    version: row.Version,
    policy: releasePolicySchema.parse(JSON.parse(row.Policy)),
    isDefault: false,
    createdBy: row.CreatedBy,
    createdAt: isoFromMs(row.createdMs),
  };
}

/** Stores the policy complete with its defaults (new releases start under it) and records the change in the audit trail. */
export async function storeReleasePolicy(store: Store, agent: string, policy: ReleasePolicy, actor: string): Promise<ReleasePolicyInForce> {
  const version = versionOf(policy);
  await store.insert('release_policies', [
    { Agent: agent, Version: version, Policy: JSON.stringify(policy), CreatedBy: actor, CreatedAt: nowMicrosText() },
  ]);
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

function versionOf(policy: ReleasePolicy): string {
  return contentVersion(policy as unknown as Json);
}
