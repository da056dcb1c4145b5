import { headlineOf } from '../../spans/errorHeadline.ts';
import { isGenericErrorType, typeKeyOf } from './errorHeadline.ts';
import { HeadlineReader, wordsOf, type ParsedHeadline, type ResolvedType } from './headlineReader.ts';
import { categoryOf, inTimeOrder, type FailureCategory, type FailureRecord } from './FailureRecord.ts';
import type { Assignment, AssignmentBatch, ClusterEvent, ClusterState, TemplateState } from './modelState.ts';
import { ModeVocabulary } from './ModeVocabulary.ts';
import { clusterIdOf, placeKeyOf, scopeKeyOf, templateIdOf, type Scope } from './signature.ts';
import { TemplateMiner, type TemplateMinerOptions } from './TemplateMiner.ts';

export interface FailureModelOptions extends TemplateMinerOptions {
  /**
   * Word similarity (Dice, each word weighted by how few modes of its place use it) at which a
   * wording joins a mode without type evidence. Default 0.55.
   */
  textSimilarity?: number;
  /**
   * The same for what people write (escalation and correction reasons, safety details): they
   * reword and misspell more, and no type ever vouches for them. Default 0.3.
   */
  reasonSimilarity?: number;
}

/** Corrections a wording keeps as evidence: enough to decide on, bounded on its stored row. */
const MAX_LINKS = 32;

/** Episode ids, as a set or as the keys of a map. */
type EpisodeIds = ReadonlySet<string> | ReadonlyMap<string, unknown>;

/** Pass-local bookkeeping of what changed, so only those rows are written. */
interface Changes {
  clusters: Set<ClusterState>;
  templates: Set<TemplateState>;
  events: ClusterEvent[];
  /** Episodes whose corrections look for their failure's mode (see `assign`): only theirs are kept in `episodeModes`. */
  correctedEpisodes: EpisodeIds;
  /** Episode id → the mode its failure was placed in, this call: what its corrections speak of. */
  episodeModes: Map<string, string>;
}

/** A place (see `placeKeyOf`) and a count of the changes that could alter where a failure goes there (see `assignOne`). */
interface Place {
  key: string;
  version: number;
}

/**
 * Incremental failure clustering, pure and in memory: mask → mine a template (Drain) → evidence →
 * mode. Modes are found per place (category, workflow, tool). A specific error type, recorded or
 * named at the head of the message, is the strongest evidence: one mode per type and place,
 * whatever the wording. A template links a failure with a generic type (`Error`, none) to the mode
 * it was already placed in, typed or not; when a typed failure reaches an untyped mode through its
 * template, the mode takes the type, and a second mode of that type is merged into the older one,
 * recorded. Only a new wording with no such evidence is placed by its words, weighted by how
 * specific they are in the place, and compared with the founding wordings of each mode (no chaining).
 * A correction is evidence too: when the same correction wording is written about episodes of one
 * typed and one untyped mode of a place (and no other), the two are one failure mode, merged.
 * Restoring from `ClusterState` and `TemplateState` rows gives a model that assigns exactly as the
 * one that wrote them.
 */
export class FailureModel {
  private readonly miner: TemplateMiner<TemplateState>;
  private readonly textSimilarity: number;
  private readonly reasonSimilarity: number;
  private readonly vocabulary = new ModeVocabulary();
  private readonly clusters = new Map<string, ClusterState>();
  private readonly absorbed = new Map<string, string[]>();
  private readonly liveByPlace = new Map<string, ClusterState[]>();
  /** `place \0 type key` → the mode of that type (follow merges). */
  private readonly byType = new Map<string, string>();
  /** Mode id → the key of its specific type; absent while it has none. */
  private readonly typeKeys = new Map<string, string>();
  private readonly leaders = new Map<string, TemplateState[]>();
  private readonly labelTemplates = new Map<string, TemplateState>();
  private readonly templateIds = new Set<string>();
  private readonly reader = new HeadlineReader();
  private readonly places = new Map<string, Place>();
  /** Places by category, workflow and tool: found without building a key per failure. */
  private readonly placesByParts = new Map<string, Map<string, Map<string, Place>>>();
  private nextSeq = 1;

  constructor(
    options: FailureModelOptions = {},
    state: { clusters: readonly ClusterState[]; templates: readonly TemplateState[] } = { clusters: [], templates: [] },
  ) {
    this.miner = new TemplateMiner<TemplateState>(options);
    this.textSimilarity = options.textSimilarity ?? 0.55;
    this.reasonSimilarity = options.reasonSimilarity ?? 0.3;
    for (const cluster of [...state.clusters].sort((a, b) => a.seq - b.seq)) this.restoreCluster({ ...cluster });
    for (const template of [...state.templates].sort((a, b) => a.seq - b.seq))
      this.restoreTemplate({ ...template, tokens: [...template.tokens], links: [...template.links] });
  }

  get clusterCount(): number {
    return this.clusters.size;
  }

  /** The live cluster an id stands for now (itself, or the one it was merged into). */
  resolve(clusterId: string): string {
    return this.clusters.get(clusterId)?.mergedInto || clusterId;
  }

  /**
   * Assigns failures in time order; returns the assignments and every cluster or template row that
   * changed. A correction links to the mode its episode's failure went to in this call, else to
   * its `correctedModeId`. A batch assigned in several calls names the episodes of its
   * corrections that still wait for a mode (`correctedEpisodes`, by default this call's
   * corrections): the modes their failures go to come back in `episodeModes`, for the runner to
   * hand to corrections of the later calls.
   */
  assign(records: readonly FailureRecord[], correctedEpisodes: EpisodeIds = episodesCorrectedIn(records)): AssignmentBatch {
    const ordered = inTimeOrder(records);
    const changes: Changes = { clusters: new Set(), templates: new Set(), events: [], correctedEpisodes, episodeModes: new Map() };
    const assignments: Assignment[] = [];
    for (const record of ordered) assignments.push(this.assignOne(record, changes));
    return {
      assignments,
      clusters: [...changes.clusters],
      templates: [...changes.templates],
      events: changes.events,
      episodeModes: changes.episodeModes,
    };
  }

  private assignOne(record: FailureRecord, changes: Changes): Assignment {
    const headline = headlineOf(record.text);
    const parsed = this.reader.parse(headline);
    const category = categoryOf(record.kind);
    const type = this.reader.typeOf(record.errorType, headline, parsed.namedType);
    const at = this.placeAt(category, record.workflow, record.tool);
    const place = at.key;
    // A type only named in the message counts once some failure of the place recorded it: wrappers
    // (`Payments Exception: …`) name one type for several causes, a thrown type names one cause.
    const counts = !type.named || this.byType.has(`${place}\u0000${type.typeKey}`);
    // A headline assigned in a place without changing anything there goes the same way while
    // nothing there changes: remembered per place and recorded type, and reused, it skips the tree
    // (and allocates nothing but the assignment: most failures go this way).
    const version = at.version;
    const memo = parsed.memo?.get(at)?.get(record.errorType);
    let template: TemplateState;
    let cluster: ClusterState;
    if (memo !== undefined && memo.version === version) {
      template = memo.template;
      cluster = this.live(template.clusterId);
    } else {
      const scope: Scope = {
        category,
        workflow: record.workflow,
        tool: record.tool,
        errorType: counts ? type.errorType : type.recorded,
      };
      ({ template, cluster } = this.place(parsed, scope, place, type, counts, changes));
      if (at.version === version) rememberedIn(parsed, at).set(record.errorType, { version, template });
    }

    if (record.occurredAtMs < cluster.firstSeenMs || record.occurredAtMs > cluster.lastSeenMs) {
      cluster.firstSeenMs = Math.min(cluster.firstSeenMs, record.occurredAtMs);
      cluster.lastSeenMs = Math.max(cluster.lastSeenMs, record.occurredAtMs);
      changes.clusters.add(cluster);
    }
    if (record.kind === 'failure') {
      if (changes.correctedEpisodes.size > 0 && changes.correctedEpisodes.has(record.episodeId))
        changes.episodeModes.set(record.episodeId, cluster.clusterId);
    } else if (record.kind === 'correction') {
      const corrected = changes.episodeModes.get(record.episodeId) ?? record.correctedModeId;
      if (corrected) this.linkCorrection(template, record, corrected, changes);
    }
    return { record, clusterId: cluster.clusterId, templateId: template.templateId, headline };
  }

  /** Where a failure goes by the evidence: its template (mined in the place's tree), else a new one. */
  private place(
    parsed: ParsedHeadline,
    scope: Scope,
    place: string,
    type: ResolvedType,
    counts: boolean,
    changes: Changes,
  ): { template: TemplateState; cluster: ClusterState } {
    const typeKey = counts ? type.typeKey : '';
    const threshold = scope.category === 'error' ? this.textSimilarity : this.reasonSimilarity;
    const { tokens } = parsed;
    const found = this.miner.match(place, tokens, (template, fits) => {
      const modeType = this.typeKeys.get(this.resolve(template.clusterId));
      // A recorded type never joins a mode of another; one only named in the message is weaker
      // evidence than a template the mode's recorded type vouches for.
      if (typeKey && modeType && (modeType === typeKey || !type.named)) return modeType === typeKey;
      return fits || this.vocabulary.similarity(place, wordsOf(parsed), template.words) >= threshold;
    });
    let template = found?.template;
    let cluster: ClusterState;
    if (template) {
      if (found?.changed) this.noteGeneralised(template, changes);
      cluster = this.live(template.clusterId);
      if (typeKey && !this.typeKeys.has(cluster.clusterId)) cluster = this.takeType(cluster, scope, place, typeKey, changes);
    } else {
      template = this.createTemplate(scope, place, typeKey, threshold, tokens, wordsOf(parsed), changes);
      cluster = this.live(template.clusterId);
    }
    return { template, cluster };
  }

  private placeChanged(place: string): void {
    this.placeOf(place).version++;
  }

  private placeOf(key: string): Place {
    let place = this.places.get(key);
    if (!place) {
      place = { key, version: 0 };
      this.places.set(key, place);
    }
    return place;
  }

  private placeAt(category: FailureCategory, workflow: string, tool: string): Place {
    let byWorkflow = this.placesByParts.get(category);
    if (!byWorkflow) {
      byWorkflow = new Map();
      this.placesByParts.set(category, byWorkflow);
    }
    let byTool = byWorkflow.get(workflow);
    if (!byTool) {
      byTool = new Map();
      byWorkflow.set(workflow, byTool);
    }
    let place = byTool.get(tool);
    if (!place) {
      place = this.placeOf(placeKeyOf({ category, workflow, tool }));
      byTool.set(tool, place);
    }
    return place;
  }

  private live(clusterId: string): ClusterState {
    return this.clusters.get(this.resolve(clusterId))!;
  }

  /**
   * A typed failure reached an untyped mode through its template: the mode is of that type. When
   * another mode already is, the two are one failure mode: the younger is merged into the older.
   */
  private takeType(cluster: ClusterState, scope: Scope, place: string, typeKey: string, changes: Changes): ClusterState {
    const typedId = this.byType.get(`${place}\u0000${typeKey}`);
    const typed = typedId === undefined ? undefined : this.live(typedId);
    if (typed && typed !== cluster) return this.joinTyped(typed, cluster, place, typeKey, changes);
    this.setType(cluster, scope.errorType, place, typeKey, changes);
    return cluster;
  }

  /** A typed mode and an untyped one are one failure mode: the younger is merged into the older, which has the type. */
  private joinTyped(typed: ClusterState, other: ClusterState, place: string, typeKey: string, changes: Changes): ClusterState {
    const [older, younger] = typed.seq < other.seq ? [typed, other] : [other, typed];
    this.merge(younger, older, changes);
    this.setType(older, typed.errorType, place, typeKey, changes);
    return older;
  }

  /**
   * A correction (`record`) of an episode of `modeId` was placed in `template`. When its wording
   * has been written about exactly two modes of one place, one typed and one not, at least twice
   * each, they are joined; a wording written about more modes says too little to join any.
   */
  private linkCorrection(template: TemplateState, record: FailureRecord, modeId: string, changes: Changes): void {
    if (!this.clusters.has(modeId) || this.live(modeId).category !== 'error') return;
    const link = `${modeId} ${record.failureId}`;
    if (template.links.length >= MAX_LINKS || template.links.includes(link)) return;
    template.links.push(link);
    changes.templates.add(template);
    const place = placeKeyOf(this.live(modeId));
    const corrections = new Map<ClusterState, number>();
    for (const entry of template.links) {
      const id = entry.slice(0, entry.indexOf(' '));
      const live = this.clusters.has(id) ? this.live(id) : undefined;
      if (live && placeKeyOf(live) === place) corrections.set(live, (corrections.get(live) ?? 0) + 1);
    }
    if (corrections.size !== 2 || [...corrections.values()].some((count) => count < 2)) return;
    const [a, b] = [...corrections.keys()] as [ClusterState, ClusterState];
    const [typeA, typeB] = [this.typeKeys.get(a.clusterId), this.typeKeys.get(b.clusterId)];
    if ((typeA === undefined) === (typeB === undefined)) return;
    const [typed, other] = typeA === undefined ? [b, a] : [a, b];
    this.joinTyped(typed, other, place, (typeA ?? typeB)!, changes);
  }

  private setType(cluster: ClusterState, errorType: string, place: string, typeKey: string, changes: Changes): void {
    this.placeChanged(place);
    cluster.errorType = errorType;
    this.typeKeys.set(cluster.clusterId, typeKey);
    this.byType.set(`${place}\u0000${typeKey}`, cluster.clusterId);
    changes.clusters.add(cluster);
  }

  private createTemplate(
    scope: Scope,
    place: string,
    typeKey: string,
    threshold: number,
    tokens: string[],
    words: string[],
    changes: Changes,
  ): TemplateState {
    this.placeChanged(place);
    const scopeKey = scopeKeyOf(scope);
    let templateId = templateIdOf(scopeKey, tokens);
    while (this.templateIds.has(templateId)) templateId += '+';
    const template: TemplateState = {
      templateId,
      scopeKey: place,
      route: this.miner.routeFor(tokens, place),
      tokens: [...tokens],
      words,
      links: [],
      clusterId: '',
      // A typed wording is known to be its mode's, so new wordings may be compared with it.
      leads: typeKey !== '',
      seq: this.nextSeq++,
    };
    this.templateIds.add(templateId);
    let cluster: ClusterState | undefined;
    if (typeKey) {
      const typedId = this.byType.get(`${place}\u0000${typeKey}`);
      cluster = typedId === undefined ? undefined : this.live(typedId);
      if (!cluster) {
        cluster = this.createCluster(clusterIdOf(scopeKey), scope, template, changes);
        this.setType(cluster, scope.errorType, place, typeKey, changes);
      }
    } else {
      cluster = this.modeByWords(template, place, threshold, changes);
      if (!cluster) {
        template.leads = true;
        cluster = this.createCluster(clusterIdOf(scopeKey, tokens), scope, template, changes);
      }
    }
    template.clusterId = cluster.clusterId;
    this.miner.add(template);
    this.vocabulary.add(place, cluster.clusterId, words);
    this.noteTemplate(template);
    changes.templates.add(template);
    return template;
  }

  /**
   * The mode of the place with a leading wording similar to this one. When it resembles several
   * modes none of which has a type, they are one mode: merged into the oldest, recorded.
   */
  private modeByWords(template: TemplateState, place: string, threshold: number, changes: Changes): ClusterState | undefined {
    const similar: Array<{ cluster: ClusterState; similarity: number }> = [];
    for (const cluster of this.liveByPlace.get(place) ?? []) {
      let best = -1;
      for (const leader of this.leaders.get(cluster.clusterId) ?? [])
        best = Math.max(best, this.vocabulary.similarity(place, template.words, leader.words));
      if (best >= threshold) similar.push({ cluster, similarity: best });
    }
    if (similar.length === 0) return undefined;
    similar.sort((a, b) => b.similarity - a.similarity || a.cluster.seq - b.cluster.seq);
    const untyped = similar.filter(({ cluster }) => !this.typeKeys.has(cluster.clusterId)).map(({ cluster }) => cluster);
    if (untyped.length < 2 || this.typeKeys.has(similar[0]!.cluster.clusterId)) return similar[0]!.cluster;
    const [survivor, ...others] = untyped.sort((a, b) => a.seq - b.seq);
    for (const other of others) this.merge(other, survivor!, changes);
    return survivor;
  }

  private createCluster(id: string, scope: Scope, founder: TemplateState, changes: Changes): ClusterState {
    let clusterId = id;
    while (this.clusters.has(clusterId)) clusterId += '+';
    const cluster: ClusterState = {
      clusterId,
      ...scope,
      label: founder.tokens.join(' '),
      firstSeenMs: Infinity,
      lastSeenMs: -Infinity,
      mergedInto: '',
      seq: this.nextSeq++,
    };
    this.restoreCluster(cluster);
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
    const place = placeKeyOf(from);
    this.placeChanged(place);
    this.vocabulary.merge(place, from.clusterId, into.clusterId);
    const live = this.liveByPlace.get(place)!;
    live.splice(live.indexOf(from), 1);
    into.firstSeenMs = Math.min(into.firstSeenMs, from.firstSeenMs);
    into.lastSeenMs = Math.max(into.lastSeenMs, from.lastSeenMs);
    changes.clusters.add(into);
    changes.events.push({ clusterId: from.clusterId, event: 'merged_into', otherClusterId: into.clusterId });
  }

  private noteGeneralised(template: TemplateState, changes: Changes): void {
    this.placeChanged(template.scopeKey);
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
    const place = placeKeyOf(cluster);
    if (!isGenericErrorType(cluster.errorType)) {
      const typeKey = typeKeyOf(cluster.errorType);
      if (!this.byType.has(`${place}\u0000${typeKey}`)) this.byType.set(`${place}\u0000${typeKey}`, cluster.clusterId);
      if (!cluster.mergedInto) this.typeKeys.set(cluster.clusterId, typeKey);
    }
    if (cluster.mergedInto) {
      this.absorbed.set(cluster.mergedInto, [...(this.absorbed.get(cluster.mergedInto) ?? []), cluster.clusterId]);
      return;
    }
    const live = this.liveByPlace.get(place);
    if (live) live.push(cluster);
    else this.liveByPlace.set(place, [cluster]);
  }

  private restoreTemplate(template: TemplateState): void {
    // Templates stored before modes spanned error types were keyed by their full scope.
    const place = template.scopeKey.split('\u0000').slice(0, 3).join('\u0000');
    template.scopeKey = place;
    this.templateIds.add(template.templateId);
    this.nextSeq = Math.max(this.nextSeq, template.seq + 1);
    this.miner.add(template);
    this.vocabulary.add(place, this.resolve(template.clusterId), template.words);
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

/** The memo of a headline in one place, by recorded type (see `assignOne`). */
function rememberedIn(parsed: ParsedHeadline, place: Place): Map<string, { version: number; template: TemplateState }> {
  parsed.memo ??= new Map();
  let memos = parsed.memo.get(place);
  if (!memos) {
    memos = new Map();
    parsed.memo.set(place, memos);
  }
  return memos;
}

function episodesCorrectedIn(records: readonly FailureRecord[]): Set<string> {
  const episodes = new Set<string>();
  for (const record of records) if (record.kind === 'correction') episodes.add(record.episodeId);
  return episodes;
}
