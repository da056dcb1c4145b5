import { HttpError } from '../http/HttpError.ts';
import type { Store } from '../store/Store.ts';
import { appendReleaseEvent, findRelease, listReleases, servingReleases, type Release } from './releaseRepository.ts';
import { isInRollout } from './releaseState.ts';
import { refuse } from './refuse.ts';

export interface ActionResult {
  release: Release;
  /** False when the release was already where the action would take it (e.g. a second rollback). */
  changed: boolean;
}

interface Request {
  releaseId: string;
  actor: string;
  reason: string;
  details?: Record<string, unknown>;
}

async function load(store: Store, releaseId: string): Promise<{ release: Release; all: Release[] }> {
  const found = await findRelease(store, releaseId);
  if (!found) throw new HttpError(404, `no release ${releaseId}`);
  return found;
}

async function reload(store: Store, release: Release, changed: boolean): Promise<ActionResult> {
  const all = await listReleases(store, release.agent);
  return { release: all.find((candidate) => candidate.id === release.id)!, changed };
}

/** Moves a release rolling out to its next stage; the last stage (100%) makes it the stable release. */
export async function advanceRelease(store: Store, request: Request): Promise<ActionResult> {
  const { release } = await load(store, request.releaseId);
  const { state, policy } = release;
  const attempt = {
    ...request,
    agent: release.agent,
    releaseId: release.id,
    action: 'advanced' as const,
    stageIndex: state.stageIndex,
    percent: state.percent,
  };
  if (state.status === 'paused')
    return refuse(store, attempt, 409, `release ${release.id} is paused (${pauseReason(release)}); resume it first`);
  if (state.status !== 'rolling_out')
    return refuse(store, attempt, 409, `release ${release.id} is ${state.status}; only a release rolling out advances`);
  const next = state.stageIndex + 1;
  await appendReleaseEvent(store, { ...attempt, outcome: 'done', stageIndex: next, percent: policy.stages[next]! });
  return reload(store, release, true);
}

/** Holds a rollout on its stage (`paused`) or lets it go on (`resumed`); asking for the state it is in is a no-op. */
async function setPaused(store: Store, request: Request, action: 'paused' | 'resumed'): Promise<ActionResult> {
  const { release } = await load(store, request.releaseId);
  const { state } = release;
  const attempt = { ...request, agent: release.agent, releaseId: release.id, action, stageIndex: state.stageIndex, percent: state.percent };
  const [from, to] = action === 'paused' ? (['rolling_out', 'paused'] as const) : (['paused', 'rolling_out'] as const);
  if (state.status === to) {
    await appendReleaseEvent(store, { ...attempt, outcome: 'noop' });
    return reload(store, release, false);
  }
  if (state.status !== from)
    return refuse(
      store,
      attempt,
      409,
      `release ${release.id} is ${state.status}; only a release ${from.replace('_', ' ')} can be ${action}`,
    );
  await appendReleaseEvent(store, { ...attempt, outcome: 'done' });
  return reload(store, release, true);
}

export const pauseRelease = (store: Store, request: Request) => setPaused(store, request, 'paused');
export const resumeRelease = (store: Store, request: Request) => setPaused(store, request, 'resumed');

/** Stops a rollout: every request goes back to the stable release. */
export async function abortRelease(store: Store, request: Request): Promise<ActionResult> {
  const { release } = await load(store, request.releaseId);
  const { state } = release;
  const attempt = {
    ...request,
    agent: release.agent,
    releaseId: release.id,
    action: 'aborted' as const,
    stageIndex: state.stageIndex,
    percent: state.percent,
  };
  if (state.status === 'aborted' || state.status === 'rolled_back') {
    await appendReleaseEvent(store, { ...attempt, outcome: 'noop' });
    return reload(store, release, false);
  }
  if (!isInRollout(state.status)) return refuse(store, attempt, 409, `release ${release.id} is released to everyone; roll it back instead`);
  await appendReleaseEvent(store, { ...attempt, outcome: 'done', stageIndex: -1, percent: 0 });
  return reload(store, release, true);
}

/**
 * Restores the previous release for every request in one step: a release rolling out stops
 * serving; a released one hands back to the release it replaced. Twice is one rollback. With
 * `pendingId`, confirms a rollback an alert asked for.
 */
export async function rollbackRelease(store: Store, request: Request & { pendingId?: string }): Promise<ActionResult> {
  const { release, all } = await load(store, request.releaseId);
  const { state } = release;
  const { pendingId, ...rest } = request;
  const attempt = {
    ...rest,
    agent: release.agent,
    releaseId: release.id,
    action: 'rolled_back' as const,
    details: { ...rest.details, ...(pendingId ? { pendingId } : {}) },
    stageIndex: state.stageIndex,
    percent: state.percent,
  };
  if (state.status === 'rolled_back' || state.status === 'aborted') {
    await appendReleaseEvent(store, { ...attempt, outcome: 'noop', details: { ...attempt.details, note: `already ${state.status}` } });
    return reload(store, release, false);
  }
  if (pendingId !== undefined && !state.pendingRollbacks.some((pending) => pending.id === pendingId))
    return refuse(store, attempt, 409, `release ${release.id} has no pending rollback ${pendingId}`);
  if (state.status === 'released') {
    const { stable, candidate } = servingReleases(all);
    if (stable?.id !== release.id)
      return refuse(store, attempt, 409, `release ${release.id} was superseded by ${stable?.id}; roll that one back instead`);
    if (!release.previousReleaseId)
      return refuse(store, attempt, 409, `release ${release.id} is the agent's first release; there is no previous release to restore`);
    if (candidate)
      return refuse(store, attempt, 409, `release ${candidate.id} is rolling out against ${release.id}; abort or roll it back first`);
  }
  await appendReleaseEvent(store, {
    ...attempt,
    outcome: 'done',
    stageIndex: -1,
    percent: 0,
    details: { ...attempt.details, restored: restoredRelease(release, all) },
  });
  return reload(store, release, true);
}

/** Records a rollback an alert asked for where the policy wants a person to confirm it; returns its id. */
export async function requestRollback(store: Store, release: Release, request: Omit<Request, 'releaseId'>): Promise<string> {
  return appendReleaseEvent(store, {
    agent: release.agent,
    releaseId: release.id,
    action: 'rollback_requested',
    outcome: 'pending',
    stageIndex: release.state.stageIndex,
    percent: release.state.percent,
    ...request,
  });
}

/** The release that serves once `release` is rolled back. */
function restoredRelease(release: Release, all: readonly Release[]): string | null {
  if (release.state.status === 'released') return release.previousReleaseId;
  return servingReleases(all).stable?.id ?? null;
}

function pauseReason(release: Release): string {
  const pause = release.events.filter((event) => event.action === 'paused' && event.outcome === 'done').at(-1);
  return pause ? `${pause.actor}: ${pause.reason}` : 'no reason recorded';
}
