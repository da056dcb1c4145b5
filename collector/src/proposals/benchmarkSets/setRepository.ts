import type { Json } from '../../shared/canonicalJson.ts';
import type { SetVersion } from '@trumpets/protocol/api';
import type { Store } from '../../store/Store.ts';
import { isoFromMs, nowMicrosText } from '../../shared/clock.ts';
import { caseFromRow, caseRow, type BenchmarkCase, type CaseRow } from './benchmarkCase.ts';

interface SetRow {
  SetId: string;
  Version: number;
  Agent: string;
  Description: string;
  Rules: string;
  ParentVersion: number;
  CaseCount: number;
  CreatedBy: string;
  createdMs: string;
}

export interface NewSetVersion {
  setId: string;
  agent: string;
  description: string;
  rules: Json;
  parentVersion: number | null;
  cases: readonly BenchmarkCase[];
  createdBy: string;
}

/** Every version of a set, newest first; empty when the set does not exist. */
export async function setVersions(store: Store, setId: string): Promise<SetVersion[]> {
  const rows = await store.named<SetRow>('benchmark_set_versions', { setId });
  return rows.map(toSetVersion);
}

const freezing = new Map<string, Promise<unknown>>();

/**
 * Freezes the cases as the set's next version: cases first, so a reader who sees the version sees
 * all of them. One freeze per set at a time in this process, so two requests cannot take the same
 * version number (collectors behind a load balancer would still need a store-side guard).
 */
export function freezeSetVersion(store: Store, set: NewSetVersion): Promise<SetVersion> {
  const previous = freezing.get(set.setId) ?? Promise.resolve();
  const frozen = previous.then(() => freeze(store, set));
  const tail = frozen.catch(() => undefined);
  freezing.set(set.setId, tail);
  void tail.then(() => freezing.get(set.setId) === tail && freezing.delete(set.setId));
  return frozen;
}

async function freeze(store: Store, set: NewSetVersion): Promise<SetVersion> {
  const version = ((await setVersions(store, set.setId))[0]?.version ?? 0) + 1;
  await store.insert(
    'benchmark_cases',
    set.cases.map((benchmarkCase) => caseRow(set.setId, version, benchmarkCase)),
  );
  await store.insert('benchmark_sets', [
    {
      SetId: set.setId,
      Version: version,
      Agent: set.agent,
      Description: set.description,
      Rules: JSON.stringify(set.rules),
      ParentVersion: set.parentVersion ?? 0,
      CaseCount: set.cases.length,
      CreatedBy: set.createdBy,
      CreatedAt: nowMicrosText(),
    },
  ]);
  return (await setVersions(store, set.setId)).find((stored) => stored.version === version)!;
}

export async function setCases(store: Store, setId: string, version: number): Promise<BenchmarkCase[]> {
  const rows = await store.named<CaseRow>('benchmark_set_cases', { setId, version });
  return rows.map(caseFromRow);
}

export async function listSets(
  store: Store,
  agent: string,
): Promise<Array<Pick<SetVersion, 'setId' | 'version' | 'agent' | 'description' | 'caseCount' | 'createdAt'>>> {
  const rows = await store.named<SetRow>('benchmark_set_list', { agent });
  return rows.map((row) => ({
    setId: row.SetId,
    version: Number(row.Version),
    agent: row.Agent,
    description: row.Description,
    caseCount: Number(row.CaseCount),
    createdAt: isoFromMs(row.createdMs),
  }));
}

function toSetVersion(row: SetRow): SetVersion {
  return {
    setId: row.SetId,
    version: Number(row.Version),
    agent: row.Agent,
    description: row.Description,
    rules: JSON.parse(row.Rules) as Json,
    parentVersion: Number(row.ParentVersion) || null,
    caseCount: Number(row.CaseCount),
    createdBy: row.CreatedBy,
    createdAt: isoFromMs(row.createdMs),
  };
}
