import { errorTypeOf, headlineOf, isGenericErrorType } from './errorHeadline.ts';
import { categoryOf, type FailureRecord } from './FailureRecord.ts';
import type { Assignment, AssignmentBatch, ClusterEvent, ClusterState, TemplateState } from './modelState.ts';
import { clusterIdOf, scopeKeyOf, templateIdOf, type Scope } from './signature.ts';
import { TemplateMiner, type TemplateMinerOptions } from './TemplateMiner.ts';
import { contentWords, templateTokensOf, wordSimilarity } from './tokens.ts';

export interface FailureModelOptions extends TemplateMinerOptions {
  /** Word similarity (Dice) at which a new wording joins a text group under a generic error type. Default 0.35. */
  textSimilarity?: number;
}

/** Headlines remembered with their tokens: many failures repeat a message word for word. */
const MAX_REMEMBERED_HEADLINES = 50_000;

interface ParsedHeadline {
  tokens: string[];
  /** Computed when first needed (generic error types only). */
  words?: string[];
}

/** Pass-local bookkeeping of what changed, so only those rows are written. */
interface Changes {
  clusters: Set<ClusterState>;
  templates: Set<TemplateState>;
  events: ClusterEvent[];
}

/**
 * Incremental failure clustering, pure and in memory: mask → mine a template (Drain) → signature →
 * cluster. Under a specific error type the signature alone (category, workflow, tool, error type)
 * is the failure mode, so rewordings stay together; under a generic one (`Error`, `TypeError`, none)
 * templates are grouped by their words, a new wording joining the text group whose founder it
 * resembles. When one wording resembles several groups they are merged into the oldest, recorded.
 * Restoring from `ClusterState` and `TemplateState` rows gives a model that assigns exactly as the
 * one that wrote them.
 */
export class FailureModel {
  private readonly miner: TemplateMiner<TemplateState>;
  private readonly textSimilarity: number;
  private readonly clusters = new Map<string, ClusterState>();
  private readonly absorbed = new Map<string, string[]>();
  private readonly liveByScope = new Map<string, ClusterState[]>();
  private readonly leaders = new Map<string, TemplateState[]>();
  private readonly labelTemplates = new Map<string, TemplateState>();
  private readonly templateIds = new Set<string>();
  private readonly parsed = new Map<string, ParsedHeadline>();
  private nextSeq = 1;

  constructor(
    options: FailureModelOptions = {},
    state: { clusters: readonly ClusterState[]; templates: readonly TemplateState[] } = { clusters: [], templates: [] },
  ) {
    this.miner = new TemplateMiner<TemplateState>(options);
    this.textSimilarity = options.textSimilarity ?? 0.35;
    for (const cluster of [...state.clusters].sort((a, b) => a.seq - b.seq)) this.restoreCluster({ ...cluster });
    for (const template of [...state.templates].sort((a, b) => a.seq - b.seq))
      this.restoreTemplate({ ...template, tokens: [...template.tokens] });
  }

  get clusterCount(): number {
    return this.clusters.size;
  }

  /** The live cluster an id stands for now (itself, or the one it was merged into). */
  resolve(clusterId: string): string {
    return this.clusters.get(clusterId)?.mergedInto || clusterId;
  }

  /** Assigns failures in time order; returns the assignments and every cluster or template row that changed. */
  assign(records: readonly FailureRecord[]): AssignmentBatch {
    const changes: Changes = { clusters: new Set(), templates: new Set(), events: [] };
    const ordered = inTimeOrder(records);
    const assignments: Assignment[] = [];
    for (const record of ordered) assignments.push(this.assignOne(record, changes));
    return { assignments, clusters: [...changes.clusters], templates: [...changes.templates], events: changes.events };
  }

  private assignOne(record: FailureRecord, changes: Changes): Assignment {
    const headline = headlineOf(record.text);
    const scope: Scope = {
      category: categoryOf(record.kind),
      workflow: record.workflow,
      tool: record.tool,
      errorType: errorTypeOf(record.errorType, headline),
    };
    const scopeKey = scopeKeyOf(scope);
    const parsed = this.parse(headline);
    const tokens = parsed.tokens;
    const byText = isGenericErrorType(scope.errorType);
    const words = byText ? (parsed.words ??= contentWords(tokens)) : [];

    const found = this.miner.match(scopeKey, tokens, (template) => !byText || wordSimilarity(words, template.words) >= this.textSimilarity);
    let template = found?.template;
    if (template && found?.changed) this.noteGeneralised(template, changes);
    if (!template) template = this.createTemplate(scope, scopeKey, tokens, words, byText, changes);

    const cluster = this.clusters.get(this.resolve(template.clusterId))!;
    if (record.occurredAtMs < cluster.firstSeenMs || record.occurredAtMs > cluster.lastSeenMs) {
      cluster.firstSeenMs = Math.min(cluster.firstSeenMs, record.occurredAtMs);
      cluster.lastSeenMs = Math.max(cluster.lastSeenMs, record.occurredAtMs);
      changes.clusters.add(cluster);
    }
    return { record, clusterId: cluster.clusterId, templateId: template.templateId, headline };
  }

  private parse(headline: string): ParsedHeadline {
    let parsed = this.parsed.get(headline);
    if (!parsed) {
      if (this.parsed.size >= MAX_REMEMBERED_HEADLINES) this.parsed.clear();
      parsed = { tokens: templateTokensOf(headline) };
      this.parsed.set(headline, parsed);
    }
    return parsed;
  }

  private createTemplate(
    scope: Scope,
    scopeKey: string,
    tokens: string[],
    words: string[],
    byText: boolean,
    changes: Changes,
  ): TemplateState {
    let templateId = templateIdOf(scopeKey, tokens);
    while (this.templateIds.has(templateId)) templateId += '+';
    const template: TemplateState = {
      templateId,
      scopeKey,
      route: this.miner.routeFor(tokens, scopeKey),
      tokens: [...tokens],
      words,
      clusterId: '',
      leads: false,
      seq: this.nextSeq++,
    };
    this.templateIds.add(templateId);
    const cluster = byText ? this.textGroupFor(template, scope, scopeKey, changes) : this.scopeCluster(template, scope, scopeKey, changes);
    template.clusterId = cluster.clusterId;
    this.miner.add(template);
    changes.templates.add(template);
    return template;
  }

  /** Specific error type: one cluster per scope, whatever the wording. */
  private scopeCluster(template: TemplateState, scope: Scope, scopeKey: string, changes: Changes): ClusterState {
    const existing = this.clusters.get(clusterIdOf(scopeKey));
    if (existing) return this.clusters.get(this.resolve(existing.clusterId))!;
    return this.createCluster(clusterIdOf(scopeKey), scope, template, changes);
  }

  /** Generic error type: the text group whose founder this wording resembles; several → merged; none → a new group. */
  private textGroupFor(template: TemplateState, scope: Scope, scopeKey: string, changes: Changes): ClusterState {
    const similar = (this.liveByScope.get(scopeKey) ?? []).filter((cluster) =>
      (this.leaders.get(cluster.clusterId) ?? []).some((leader) => wordSimilarity(template.words, leader.words) >= this.textSimilarity),
    );
    if (similar.length === 0) {
      template.leads = true;
      return this.createCluster(clusterIdOf(scopeKey, template.tokens), scope, template, changes);
    }
    const [survivor, ...others] = similar.sort((a, b) => a.seq - b.seq);
    for (const other of others) this.merge(other, survivor!, changes);
    return survivor!;
  }

  private createCluster(clusterId: string, scope: Scope, founder: TemplateState, changes: Changes): ClusterState {
    const cluster: ClusterState = {
      clusterId,
      ...scope,
      label: founder.tokens.join(' '),
      firstSeenMs: Infinity,
      lastSeenMs: -Infinity,
      mergedInto: '',
      seq: this.nextSeq++,
    };
    founder.clusterId = clusterId;
    this.restoreCluster(cluster);
    this.noteTemplate(founder);
    changes.clusters.add(cluster);
    changes.events.push({ clusterId, event: 'created', otherClusterId: '' });
    return cluster;
  }

  private merge(from: ClusterState, into: ClusterState, changes: Changes): void {
    const moved = [from.clusterId, ...(this.absorbed.get(from.clusterId) ?? [])];
    for (const id of moved) {
      const cluster = this.clusters.get(id)!;
      cluster.mergedInto = into.clusterId;
      changes.clusters.add(cluster);
    }
    this.absorbed.set(into.clusterId, [...(this.absorbed.get(into.clusterId) ?? []), ...moved]);
    this.absorbed.delete(from.clusterId);
    this.leaders.set(into.clusterId, [...(this.leaders.get(into.clusterId) ?? []), ...(this.leaders.get(from.clusterId) ?? [])]);
    this.leaders.delete(from.clusterId);
    const live = this.liveByScope.get(scopeKeyOf(from))!;
    live.splice(live.indexOf(from), 1);
    into.firstSeenMs = Math.min(into.firstSeenMs, from.firstSeenMs);
    into.lastSeenMs = Math.max(into.lastSeenMs, from.lastSeenMs);
    changes.clusters.add(into);
    changes.events.push({ clusterId: from.clusterId, event: 'merged_into', otherClusterId: into.clusterId });
  }

  private noteGeneralised(template: TemplateState, changes: Changes): void {
    changes.templates.add(template);
    const cluster = this.clusters.get(template.clusterId)!;
    if (this.labelTemplates.get(cluster.clusterId) === template) {
      cluster.label = template.tokens.join(' ');
      changes.clusters.add(cluster);
    }
  }

  private restoreCluster(cluster: ClusterState): void {
    this.clusters.set(cluster.clusterId, cluster);
    this.nextSeq = Math.max(this.nextSeq, cluster.seq + 1);
    if (cluster.mergedInto) {
      this.absorbed.set(cluster.mergedInto, [...(this.absorbed.get(cluster.mergedInto) ?? []), cluster.clusterId]);
      return;
    }
    const key = scopeKeyOf(cluster);
    const live = this.liveByScope.get(key);
    if (live) live.push(cluster);
    else this.liveByScope.set(key, [cluster]);
  }

  private restoreTemplate(template: TemplateState): void {
    this.templateIds.add(template.templateId);
    this.nextSeq = Math.max(this.nextSeq, template.seq + 1);
    this.miner.add(template);
    this.noteTemplate(template);
  }

  /** Label and leader bookkeeping, the same for new and restored templates. */
  private noteTemplate(template: TemplateState): void {
    if (!this.labelTemplates.has(template.clusterId)) this.labelTemplates.set(template.clusterId, template);
    if (!template.leads) return;
    const owner = this.resolve(template.clusterId);
    this.leaders.set(owner, [...(this.leaders.get(owner) ?? []), template]);
  }
}

/** Records by time, then id: the order assignment depends on, so every run assigns alike. Sorted input is kept as is. */
function inTimeOrder(records: readonly FailureRecord[]): readonly FailureRecord[] {
  const before = (a: FailureRecord, b: FailureRecord) =>
    a.occurredAtMs - b.occurredAtMs || (a.failureId < b.failureId ? -1 : a.failureId > b.failureId ? 1 : 0);
  for (let i = 1; i < records.length; i++) {
    if (before(records[i - 1]!, records[i]!) > 0) return [...records].sort(before);
  }
  return records;
}
