import type { FailureCategory, FailureRecord } from './FailureRecord.ts';
import type { MinedTemplate } from './TemplateMiner.ts';

/** One failure mode as stored: everything a restarted model needs to carry on exactly as before. */
export interface ClusterState {
  clusterId: string;
  category: FailureCategory;
  workflow: string;
  tool: string;
  errorType: string;
  /** Its founding template as it reads now: the human-readable label. */
  label: string;
  firstSeenMs: number;
  lastSeenMs: number;
  /** The cluster this one was merged into; '' while it is live. Always a live cluster (kept flat). */
  mergedInto: string;
  /** Creation order, shared with templates: of two merging clusters the older keeps its id. */
  seq: number;
}

export interface TemplateState extends MinedTemplate {
  /** The cluster it was assigned to when created; follow `mergedInto` to the live one. */
  clusterId: string;
  /** Content words of its founding message: what wordings are compared by. */
  words: string[];
  /** Whether it founded a text group; new wordings are compared with founders only (no chaining). */
  leads: boolean;
  /**
   * For a correction's wording: `mode-id correction-id` for each correction of an episode in an
   * error mode (mode ids as assigned; follow merges). The same correction of a typed and an
   * untyped mode links them.
   */
  links: string[];
  seq: number;
}

/** Recorded, never silent: a cluster came to be, or was merged into an older one. */
export interface ClusterEvent {
  clusterId: string;
  event: 'created' | 'merged_into';
  otherClusterId: string;
}

export interface Assignment {
  record: FailureRecord;
  /** The live cluster at the time of assignment. */
  clusterId: string;
  templateId: string;
  /** The line of the text the template was mined from. */
  headline: string;
}

/** What one `assign` call decided and changed: the rows a runner writes. */
export interface AssignmentBatch {
  assignments: Assignment[];
  clusters: ClusterState[];
  templates: TemplateState[];
  events: ClusterEvent[];
  /** Episode id → the mode its failure went to, for the episodes corrected in this call or (named to `assign`) a later one. */
  episodeModes: ReadonlyMap<string, string>;
}
