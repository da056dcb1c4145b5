import { isoFromMs } from '../../shared/clock.ts';
import type { Release } from '../releaseRepository.ts';
import type { ReleaseEvent } from '../releaseState.ts';
import type { AuditEntry, Release as ReleaseView } from '@trumpets/protocol/api';

export function releaseView(release: Release, stableId: string | undefined): ReleaseView {
  const { state, policy } = release;
  const started = new Map<number, number>();
  for (const event of release.events)
    if ((event.action === 'created' || event.action === 'advanced') && event.outcome === 'done') started.set(event.stageIndex, event.atMs);
  return {
    id: release.id,
    agent: release.agent,
    configVersion: release.configVersion,
    proposalId: release.proposalId,
    decision: release.decision,
    overrideReason: release.overrideReason,
    previousReleaseId: release.previousReleaseId,
    owner: release.owner,
    reason: release.reason,
    policy,
    createdBy: release.createdBy,
    createdAt: release.createdAt,
    status: state.status,
    isStable: release.id === stableId,
    stageIndex: state.stageIndex,
    percent: state.percent,
    stages: policy.stages.map((percent, index) => ({
      index,
      percent,
      startedAt: started.has(index) ? isoFromMs(started.get(index)!) : null,
      extended: state.extendedStages.includes(index),
    })),
    releasedAt: state.releasedMs === null ? null : isoFromMs(state.releasedMs),
    pendingRollbacks: state.pendingRollbacks.map((pending) => ({
      id: pending.id,
      reason: pending.reason,
      actor: pending.actor,
      at: isoFromMs(pending.atMs),
    })),
  };
}

export function auditEntry(event: ReleaseEvent): AuditEntry {
  return {
    id: event.id,
    agent: event.agent,
    releaseId: event.releaseId,
    action: event.action,
    outcome: event.outcome,
    stageIndex: event.stageIndex,
    percent: event.percent,
    actor: event.actor,
    reason: event.reason,
    details: event.details,
    at: isoFromMs(event.atMs),
  };
}
