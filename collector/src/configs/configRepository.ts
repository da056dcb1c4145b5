import { isoFromMs, nowMicrosText } from '../shared/clock.ts';
import type { Store } from '../store/Store.ts';
import type { ConfigSummary, StoredConfig } from '@trumpets/protocol/api';
import { canonicalJson, contentVersion, type Json } from '../shared/canonicalJson.ts';

export interface NewConfig {
  agent: string;
  config: Json;
  note?: string;
  parentVersion?: string;
  proposalId?: string;
  createdBy: string;
}

interface ConfigRow {
  Agent?: string;
  Version: string;
  Config?: string;
  ParentVersion: string;
  ProposalId: string;
  Note: string;
  CreatedBy: string;
  createdMs: string;
}

/**
 * Registers a config under its content version. Content already registered keeps its first
 * registration (who, when, from what): a version, once given, never changes meaning.
 */
export async function registerConfig(store: Store, config: NewConfig): Promise<{ stored: StoredConfig; created: boolean }> {
  const version = contentVersion(config.config);
  const existing = await getConfig(store, config.agent, version);
  if (existing) return { stored: existing, created: false };
  await store.insert('agent_configs', [
    {
      Agent: config.agent,
      Version: version,
      Config: canonicalJson(config.config),
      ParentVersion: config.parentVersion ?? '',
      ProposalId: config.proposalId ?? '',
      Note: config.note ?? '',
      CreatedBy: config.createdBy,
      CreatedAt: nowMicrosText(),
    },
  ]);
  return { stored: (await getConfig(store, config.agent, version))!, created: true };
}

export async function getConfig(store: Store, agent: string, version: string): Promise<StoredConfig | undefined> {
  const [row] = await store.named<ConfigRow>('config_get', { agent, version });
  return row ? { ...toSummary(agent, row), config: JSON.parse(row.Config!) as Json } : undefined;
}

export async function listConfigs(store: Store, agent: string, limit: number): Promise<ConfigSummary[]> {
  const rows = await store.named<ConfigRow>('config_list', { agent, limit });
  return rows.map((row) => toSummary(agent, row));
}

function toSummary(agent: string, row: ConfigRow): ConfigSummary {
  return {
    agent,
    version: row.Version,
    parentVersion: row.ParentVersion || null,
    proposalId: row.ProposalId || null,
    note: row.Note,
    createdBy: row.CreatedBy,
    createdAt: isoFromMs(row.createdMs),
  };
}
