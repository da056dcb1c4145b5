import type { FailureCategory } from '../core/FailureRecord.ts';
import type { Assignment, ClusterEvent, ClusterState, TemplateState } from '../core/modelState.ts';
import { cutAtCodePoint, wellFormed } from '../../shared/wellFormedText.ts';
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

export function memberRow(assignment: Assignment, assignedAt: string) {
  const { record } = assignment;
  return {
    FailureId: record.failureId,
    EpisodeId: record.episodeId,
    ClusterId: assignment.clusterId,
    TemplateId: assignment.templateId,
    Kind: record.kind,
    Agent: record.agent,
    AgentVersion: record.agentVersion,
    Workflow: record.workflow,
    ToolName: record.tool,
    Text: cutAtCodePoint(wellFormed(assignment.headline), MAX_MEMBER_TEXT),
    OccurredAt: msToDateTime64(record.occurredAtMs),
    AssignedAt: assignedAt,
  };
}
