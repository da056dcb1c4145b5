/** Where a release is: rolling out (on a stage), paused, released (serving everyone), aborted, rolled back. */
import { RELEASE_STATUSES, type ReleaseStatus } from '@trumpets/protocol/api';

export { RELEASE_STATUSES, type ReleaseStatus };

export const RELEASE_ACTIONS = [
  'created',
  'advanced',
  'extended',
  'paused',
  'resumed',
  'aborted',
  'rolled_back',
  'rollback_requested',
  'regression_detected',
  'policy_changed',
  'promotion',
  'alert',
] as const;
export type ReleaseAction = (typeof RELEASE_ACTIONS)[number];

/** `done` changed the release; `refused`, `noop`, `pending` and `info` are the audit trail only. */
export type EventOutcome = 'done' | 'refused' | 'noop' | 'pending' | 'info';

export interface ReleaseEvent {
  id: string;
  agent: string;
  releaseId: string | null;
  action: ReleaseAction;
  outcome: EventOutcome;
  /** The stage after the event (-1 when the release is out of rollout), and its traffic share in percent. */
  stageIndex: number;
  percent: number;
  actor: string;
  reason: string;
  details: Record<string, unknown>;
  /** Milliseconds since the epoch. */
  atMs: number;
}

export interface ReleaseState {
  status: ReleaseStatus;
  stageIndex: number;
  /** Share of requests the release serves while rolling out or paused; 100 once released; 0 after abort or rollback. */
  percent: number;
  /** When the current stage began (ms). */
  stageStartedMs: number;
  /** When it reached 100% (ms), if it did. */
  releasedMs: number | null;
  /** Rollbacks asked for (by an alert) and not yet confirmed. */
  pendingRollbacks: Array<{ id: string; reason: string; actor: string; atMs: number }>;
  /** Stages already extended for too little traffic (so each is recorded once). */
  extendedStages: number[];
}

/** The state a release's events (oldest first) lead to; only `done` events move it. */
export function foldReleaseEvents(events: readonly ReleaseEvent[]): ReleaseState {
  const state: ReleaseState = {
    status: 'rolling_out',
    stageIndex: 0,
    percent: 0,
    stageStartedMs: 0,
    releasedMs: null,
    pendingRollbacks: [],
    extendedStages: [],
  };
  for (const event of events) {
    if (event.action === 'rollback_requested' && event.outcome === 'pending')
      state.pendingRollbacks.push({ id: event.id, reason: event.reason, actor: event.actor, atMs: event.atMs });
    if (event.action === 'extended' && event.outcome === 'done') state.extendedStages.push(event.stageIndex);
    if (event.outcome !== 'done') continue;
    switch (event.action) {
      case 'created':
      case 'advanced':
        state.stageIndex = event.stageIndex;
        state.percent = event.percent;
        state.stageStartedMs = event.atMs;
        state.status = event.percent >= 100 ? 'released' : 'rolling_out';
        if (state.status === 'released') state.releasedMs = event.atMs;
        break;
      case 'paused':
        state.status = 'paused';
        break;
      case 'resumed':
        state.status = 'rolling_out';
        break;
      case 'aborted':
      case 'rolled_back':
        state.status = event.action === 'aborted' ? 'aborted' : 'rolled_back';
        state.percent = 0;
        state.pendingRollbacks = [];
        break;
      default:
        break;
    }
  }
  return state;
}

/** A release still changing hands with the stable one: rolling out or paused. */
export function isInRollout(status: ReleaseStatus): boolean {
  return status === 'rolling_out' || status === 'paused';
}
