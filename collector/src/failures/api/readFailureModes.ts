import type { FailureModeDetail, FailureModeSummary, FailureView } from '@trumpets/protocol/api';
import type { Store } from '../../store/Store.ts';
import { pickDiverseExamples } from './diverseExamples.ts';
import { summarize, type ClusterRow, type CountRow, type Exposure, type StatusWindows } from './failureModeSummary.ts';
import { timelineOf } from './timeline.ts';

/** What every read is restricted to. */
export interface FailureModeScope extends StatusWindows {
  /** '' for every agent. */
  agent: string;
  fromMs: number;
}

interface MemberRow {
  FailureId: string;
  EpisodeId: string;
  TemplateId: string;
  Kind: string;
  Agent: string;
  AgentVersion: string;
  Workflow: string;
  ToolName: string;
  Text: string;
  occurredMs: string;
}

const EXAMPLES = 5;
/** Hamming distance (of 32 SimHash bits) under which two labels count as near-duplicates. */
const RELATED_MAX_DISTANCE = 4;

/** Every failure mode with failures in the range (or just `clusterId`, whether or not it had any). */
export async function listFailureModes(store: Store, scope: FailureModeScope, clusterId = ''): Promise<FailureModeSummary[]> {
  const windows = windowBounds(scope);
  const counts = await store.named<CountRow>('failure_mode_counts', { ...windows, agent: scope.agent, clusterId });
  const ids = clusterId ? [clusterId] : counts.map((row) => row.clusterId);
  if (ids.length === 0) return [];
  const [clusters, exposureRows] = await Promise.all([
    store.named<ClusterRow>('failure_mode_clusters', { clusterIds: ids }),
    store.named<{ agent: string; recent: number; previous: number }>('failure_mode_exposure', windows),
  ]);
  const exposure = new Map<string, Exposure>(
    exposureRows.map((row) => [row.agent, { recent: Number(row.recent), previous: Number(row.previous) }]),
  );
  const countsOf = new Map(counts.map((row) => [row.clusterId, row]));
  return clusters
    .filter((cluster) => cluster.MergedInto === '' && ids.includes(cluster.ClusterId))
    .map((cluster) => {
      const merged = clusters.filter((other) => other.MergedInto === cluster.ClusterId).map((other) => other.ClusterId);
      return summarize(cluster, merged, countsOf.get(cluster.ClusterId), exposure, scope);
    });
}

/** One failure mode with its timeline, examples, wordings, history, related modes and a page of members; undefined when the id is unknown. */
export async function readFailureMode(
  store: Store,
  requestedId: string,
  scope: FailureModeScope,
  page: { page: number; pageSize: number },
): Promise<Omit<FailureModeDetail, 'from' | 'to' | 'windowHours' | 'newWithinHours'> | undefined> {
  const [requested] = await store
    .named<ClusterRow>('failure_mode_clusters', { clusterIds: [requestedId] })
    .then((rows) => rows.filter((row) => row.ClusterId === requestedId));
  if (!requested) return undefined;
  const [summary] = await listFailureModes(store, scope, requested.MergedInto || requested.ClusterId);
  if (!summary) return undefined;
  const range = { clusterIds: [summary.id, ...summary.mergedIds], fromMs: scope.fromMs, toMs: scope.toMs, agent: scope.agent };
  const [hourly, members, candidates, templates, events, related] = await Promise.all([
    store.named<{ hourMs: string; failures: string }>('failure_mode_timeline', range),
    store.named<MemberRow>('failure_mode_members', { ...range, limit: page.pageSize, offset: (page.page - 1) * page.pageSize }),
    store.named<MemberRow>('failure_mode_example_candidates', range),
    store.named<{ templateId: string; template: string; failures: string }>('failure_mode_templates', range),
    store.named<{ ClusterId: string; Event: string; OtherClusterId: string; atMs: string }>('failure_mode_events', {
      clusterIds: range.clusterIds,
    }),
    store.named<ClusterRow & { distance: string }>('failure_mode_related', {
      clusterId: summary.id,
      maxDistance: RELATED_MAX_DISTANCE,
    }),
  ]);
  const counts = hourly.map((row) => ({ hourMs: Number(row.hourMs), failures: Number(row.failures) }));
  return {
    ...summary,
    timeline: timelineOf(counts, scope.fromMs, scope.toMs),
    examples: pickDiverseExamples(candidates.map(toFailureView), EXAMPLES),
    templates: templates.map((row) => ({ id: row.templateId, template: row.template, failures: Number(row.failures) })),
    events: events.map((row) => ({
      event: row.Event,
      clusterId: row.ClusterId,
      otherClusterId: row.OtherClusterId,
      at: new Date(Number(row.atMs)).toISOString(),
    })),
    related: related.map((row) => ({
      id: row.ClusterId,
      label: row.Label,
      category: row.Category,
      workflow: row.Workflow,
      tool: row.ToolName,
      errorType: row.ErrorType,
      distance: Number(row.distance),
    })),
    members: { ...page, total: counts.reduce((sum, row) => sum + row.failures, 0), items: members.map(toFailureView) },
  };
}

/** The range to scan and the status windows, all ending at `toMs`. */
function windowBounds(scope: FailureModeScope) {
  const recentFromMs = scope.toMs - scope.windowMs;
  const previousFromMs = recentFromMs - scope.windowMs;
  const newFromMs = scope.toMs - scope.newWithinMs;
  return {
    fromMs: scope.fromMs,
    toMs: scope.toMs,
    recentFromMs,
    previousFromMs,
    newFromMs,
    scanFromMs: Math.min(scope.fromMs, previousFromMs, newFromMs),
  };
}

function toFailureView(row: MemberRow): FailureView {
  return {
    failureId: row.FailureId,
    episodeId: row.EpisodeId,
    templateId: row.TemplateId,
    kind: row.Kind,
    agent: row.Agent,
    agentVersion: row.AgentVersion,
    workflow: row.Workflow,
    tool: row.ToolName,
    text: row.Text,
    occurredAt: new Date(Number(row.occurredMs)).toISOString(),
  };
}
