import type { Store } from '../../store/Store.ts';
import { HttpError } from '../../http/HttpError.ts';
import type { BenchmarkCase } from './benchmarkCase.ts';
import { distinctCases } from './drawCases.ts';
import type { SetVersion } from '@trumpets/protocol/api';
import { freezeSetVersion, setCases, setVersions } from './setRepository.ts';

export interface FoundSet {
  set: SetVersion;
  /** Every version number of the set, newest first. */
  versions: number[];
  cases: BenchmarkCase[];
}

/** A version of a set with its cases (the newest when no version is named); undefined when there is none. */
export async function findSetVersion(store: Store, setId: string, version?: number): Promise<FoundSet | undefined> {
  const versions = await setVersions(store, setId);
  const set = version === undefined ? versions[0] : versions.find((stored) => stored.version === version);
  if (!set) return undefined;
  return { set, versions: versions.map((stored) => stored.version), cases: await setCases(store, setId, set.version) };
}

/** The newest version's cases plus these, frozen as the next version. Cases already in the set are not added twice. */
export async function addCasesToSet(store: Store, setId: string, added: readonly BenchmarkCase[], createdBy: string): Promise<SetVersion> {
  const latest = await findSetVersion(store, setId);
  if (!latest) throw new HttpError(404, `no benchmark set ${setId}`);
  return freezeSetVersion(store, {
    setId,
    agent: latest.set.agent,
    description: latest.set.description,
    rules: { addedByHand: added.length, from: latest.set.version },
    parentVersion: latest.set.version,
    cases: distinctCases([...latest.cases, ...added]),
    createdBy,
  });
}
