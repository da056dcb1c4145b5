import { randomUUID } from 'node:crypto';
import { isoFromMs, nowMicrosText } from '../shared/clock.ts';
import type { Store } from '../store/Store.ts';
import { releasePolicySchema, type ReleasePolicy } from '@trumpets/protocol/api';
import { foldReleaseEvents, type ReleaseAction, type ReleaseEvent, type ReleaseState, type EventOutcome } from './releaseState.ts';

export interface Release {
  id: string;
  agent: string;
  configVersion: string;
  proposalId: string | null;
  decision: { id: string; verdict: string } | null;
  /** Set when the release was made although its gate decision was not pass or marginal. */
  overrideReason: string | null;
  /** The stable release when this one was made: what a rollback restores. */
  previousReleaseId: string | null;
  owner: string;
  reason: string;
  policy: ReleasePolicy;
  createdBy: string;
  createdAt: string;
  state: ReleaseState;
  events: ReleaseEvent[];
}

export interface NewRelease {
  agent: string;
  configVersion: string;
  proposalId?: string;
  decision?: { id: string; verdict: string };
  overrideReason?: string;
  previousReleaseId?: string;
  owner: string;
  reason: string;
  policy: ReleasePolicy;
}

interface ReleaseRow {
  ReleaseId: string;
  Agent: string;
  ConfigVersion: string;
  ProposalId: string;
  DecisionId: string;
  DecisionVerdict: string;
  OverrideReason: string;
  PreviousReleaseId: string;
  Owner: string;
  Reason: string;
  Policy: string;
  CreatedBy: string;
  createdMs: string;
}

export interface EventRow {
  EventId: string;
  Agent: string;
  ReleaseId: string;
  Action: string;
  Outcome: string;
  StageIndex: number;
  Percent: number;
  Actor: string;
  Reason: string;
  Details: string;
  atMs: string;
}

export async function insertRelease(store: Store, release: NewRelease, actor: string): Promise<string> {
  const id = randomUUID();
  await store.insert('releases', [
    {
      ReleaseId: id,
      Agent: release.agent,
      ConfigVersion: release.configVersion,
      ProposalId: release.proposalId ?? '',
      DecisionId: release.decision?.id ?? '',
      DecisionVerdict: release.decision?.verdict ?? '',
      OverrideReason: release.overrideReason ?? '',
      PreviousReleaseId: release.previousReleaseId ?? '',
      Owner: release.owner,
      Reason: release.reason,
      Policy: JSON.stringify(release.policy),
      CreatedBy: actor,
      CreatedAt: nowMicrosText(),
    },
  ]);
  return id;
}

export interface NewEvent {
  agent: string;
  releaseId?: string;
  action: ReleaseAction;
  outcome: EventOutcome;
  stageIndex?: number;
  percent?: number;
  actor: string;
  reason: string;
  details?: Record<string, unknown>;
}

/** Appends one event to the audit trail (and, when `done`, to the release's history); returns its id. */
export async function appendReleaseEvent(store: Store, event: NewEvent): Promise<string> {
  const id = randomUUID();
  await store.insert('release_events', [
    {
      EventId: id,
      Agent: event.agent,
      ReleaseId: event.releaseId ?? '',
      Action: event.action,
      Outcome: event.outcome,
      StageIndex: event.stageIndex ?? -1,
      Percent: event.percent ?? 0,
      Actor: event.actor,
      Reason: event.reason,
      Details: JSON.stringify(event.details ?? {}),
      At: nowMicrosText(),
    },
  ]);
  return id;
}

/** An agent's releases, oldest first, each with its events and the state they lead to. */
export async function listReleases(store: Store, agent: string): Promise<Release[]> {
  const [rows, eventRows] = await Promise.all([
    store.named<ReleaseRow>('release_list', { agent }),
    store.named<EventRow>('release_events', { agent }),
  ]);
  const byRelease = new Map<string, ReleaseEvent[]>();
  for (const row of eventRows) {
    const event = eventFromRow(row);
    const list = byRelease.get(row.ReleaseId) ?? [];
    list.push(event);
    byRelease.set(row.ReleaseId, list);
  }
  return rows.map((row) => releaseFromRow(row, byRelease.get(row.ReleaseId) ?? []));
}

/** One release (with its agent's other releases, which its state is judged against), or undefined. */
export async function findRelease(store: Store, releaseId: string): Promise<{ release: Release; all: Release[] } | undefined> {
  const [row] = await store.named<{ Agent: string }>('release_agent', { releaseId });
  if (!row) return undefined;
  const all = await listReleases(store, row.Agent);
  const release = all.find((candidate) => candidate.id === releaseId);
  return release ? { release, all } : undefined;
}

export function eventFromRow(row: EventRow): ReleaseEvent {
  return {
    id: row.EventId,
    agent: row.Agent,
    releaseId: row.ReleaseId || null,
    action: row.Action as ReleaseAction,
    outcome: row.Outcome as EventOutcome,
    stageIndex: Number(row.StageIndex),
    percent: Number(row.Percent),
    actor: row.Actor,
    reason: row.Reason,
    details: JSON.parse(row.Details || '{}') as Record<string, unknown>,
    atMs: Number(row.atMs),
  };
}

function releaseFromRow(row: ReleaseRow, events: ReleaseEvent[]): Release {
  return {
    id: row.ReleaseId,
    agent: row.Agent,
    configVersion: row.ConfigVersion,
    proposalId: row.ProposalId || null,
    decision: row.DecisionId ? { id: row.DecisionId, verdict: row.DecisionVerdict } : null,
    overrideReason: row.OverrideReason || null,
    previousReleaseId: row.PreviousReleaseId || null,
    owner: row.Owner,
    reason: row.Reason,
    policy: releasePolicySchema.parse(JSON.parse(row.Policy)),
    createdBy: row.CreatedBy,
    createdAt: isoFromMs(row.createdMs),
    state: foldReleaseEvents(events),
    events,
  };
}

/**
 * Who serves what: the stable release is the newest one released and not rolled back; the
 * candidate is the one rolling out (or paused), at most one per agent.
 */
export function servingReleases(all: readonly Release[]): { stable: Release | undefined; candidate: Release | undefined } {
  let stable: Release | undefined;
  let candidate: Release | undefined;
  for (const release of all) {
    if (release.state.status === 'released') stable = release;
    if (release.state.status === 'rolling_out' || release.state.status === 'paused') candidate = release;
  }
  return { stable, candidate };
}
