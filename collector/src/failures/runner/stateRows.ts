import type { FailureCategory } from '../core/FailureRecord.ts';
import type { Assignment, ClusterEvent, ClusterState, TemplateState } from '../core/modelState.ts';
import { cutAtCodePoint } from '../../shared/wellFormedText.ts';
import { NativeBlockWriter } from '../../store/nativeBlock.ts';
import { microsToDateTime64, msToDateTime64 } from '../../shared/clock.ts';

/** Longest failure text kept on a membership row: enough to read, not a stack trace. */
const MAX_MEMBER_TEXT = 500;

/** A `failure_clusters` row as `queries/failure_mode_clusters.sql` reads it back. */
export interface StoredCluster {
  ClusterId: string;
  Category: string;
  Workflow: string;
  ToolName: string;
  ErrorType: string;
  Label: string;
  firstSeenMs: string;
  lastSeenMs: string;
  MergedInto: string;
  Seq: string;
}

/** A `failure_templates` row as `queries/failure_template_state.sql` reads it back. */
export interface StoredTemplate {
  TemplateId: string;
  ClusterId: string;
  ScopeKey: string;
  Route: string[];
  Tokens: string[];
  Words: string[];
  Leads: boolean;
  Links: string[];
  Seq: string;
}

export function clusterRow(cluster: ClusterState, version: number) {
  return {
    ClusterId: cluster.clusterId,
    Category: cluster.category,
    Workflow: cluster.workflow,
    ToolName: cluster.tool,
    ErrorType: cluster.errorType,
    Label: cluster.label,
    FirstSeen: msToDateTime64(cluster.firstSeenMs),
    LastSeen: msToDateTime64(cluster.lastSeenMs),
    MergedInto: cluster.mergedInto,
    Seq: cluster.seq,
    Version: version,
  };
}

export function clusterFromRow(row: StoredCluster): ClusterState {
  return {
    clusterId: row.ClusterId,
    category: row.Category as FailureCategory,
    workflow: row.Workflow,
    tool: row.ToolName,
    errorType: row.ErrorType,
    label: row.Label,
    firstSeenMs: Number(row.firstSeenMs),
    lastSeenMs: Number(row.lastSeenMs),
    mergedInto: row.MergedInto,
    seq: Number(row.Seq),
  };
}

export function templateRow(template: TemplateState, version: number) {
  return {
    TemplateId: template.templateId,
    ClusterId: template.clusterId,
    ScopeKey: template.scopeKey,
    Route: template.route,
    Tokens: template.tokens,
    Words: template.words,
    Leads: template.leads,
    Links: template.links,
    Seq: template.seq,
    Version: version,
  };
}

export function templateFromRow(row: StoredTemplate): TemplateState {
  return {
    templateId: row.TemplateId,
    clusterId: row.ClusterId,
    scopeKey: row.ScopeKey,
    route: row.Route,
    tokens: row.Tokens,
    words: row.Words,
    leads: Boolean(row.Leads),
    links: row.Links,
    seq: Number(row.Seq),
  };
}

export function eventRow(event: ClusterEvent, atMicros: number) {
  return { ClusterId: event.clusterId, Event: event.event, OtherClusterId: event.otherClusterId, At: microsToDateTime64(atMicros) };
}

/** The columns of a membership block, in the order `memberBlock` writes them (the block checks). */
export const MEMBER_COLUMNS = [
  'FailureId',
  'EpisodeId',
  'ClusterId',
  'TemplateId',
  'Kind',
  'Agent',
  'AgentVersion',
  'Workflow',
  'ToolName',
  'Text',
  'OccurredAt',
  'AssignedAt',
] as const;

/**
 * `failure_cluster_members` rows as one Native block (see MEMBER_COLUMNS), written straight from
 * the assignments, no row object or line in between, since a pass writes one per failure.
 */
export function memberBlock(assignments: readonly Assignment[], assignedAtMicros: number): Buffer {
  // Indexed loops: iterating the rows twelve times with for-of allocated an iterator result per row.
  const rows = assignments.length;
  // About 200 bytes a row: one allocation for most slices.
  const block = new NativeBlockWriter(MEMBER_COLUMNS, rows, rows * 200);
  let values = block.column('FailureId', 'String');
  for (let row = 0; row < rows; row++) values.string(assignments[row]!.record.failureId);
  values = block.column('EpisodeId', 'String');
  for (let row = 0; row < rows; row++) values.string(assignments[row]!.record.episodeId);
  // Modes, templates, kinds, agents, versions, workflows and tools repeat across many rows: each
  // goes once per block, then as an index per row.
  block.lowCardinality('ClusterId', (row) => assignments[row]!.clusterId);
  block.lowCardinality('TemplateId', (row) => assignments[row]!.templateId);
  block.lowCardinality('Kind', (row) => assignments[row]!.record.kind);
  block.lowCardinality('Agent', (row) => assignments[row]!.record.agent);
  block.lowCardinality('AgentVersion', (row) => assignments[row]!.record.agentVersion);
  block.lowCardinality('Workflow', (row) => assignments[row]!.record.workflow);
  block.lowCardinality('ToolName', (row) => assignments[row]!.record.tool);
  values = block.column('Text', 'String');
  for (let row = 0; row < rows; row++) values.string(cutAtCodePoint(assignments[row]!.headline, MAX_MEMBER_TEXT));
  values = block.column('OccurredAt', 'DateTime64(3)');
  for (let row = 0; row < rows; row++) values.dateTime64(Math.floor(assignments[row]!.record.occurredAtMs));
  values = block.column('AssignedAt', 'DateTime64(6)');
  for (let row = 0; row < rows; row++) values.dateTime64(assignedAtMicros);
  return block.bytes();
}
