/** What went wrong in one place: the input of failure clustering. */
export type FailureKind = 'failure' | 'escalation' | 'tool_error' | 'correction' | 'safety';

/**
 * The coarse family a failure belongs to: error messages, escalation reasons, correction reasons
 * and safety flags never share a cluster, because their text means different things.
 */
export type FailureCategory = 'error' | 'escalation' | 'correction' | 'safety';

export interface FailureRecord {
  /** Unique and stable across re-assembly: the episode id, `episode/span` for a tool call, the correction id. */
  failureId: string;
  episodeId: string;
  kind: FailureKind;
  agent: string;
  agentVersion: string;
  workflow: string;
  /** The failing tool, '' when no tool failed. */
  tool: string;
  /** `error.type` (or the safety flag), '' when none was recorded. */
  errorType: string;
  /** The error message, escalation or correction reason; may hold a stack trace. */
  text: string;
  occurredAtMs: number;
  /**
   * For a correction of an episode clustered by an earlier pass, or by an earlier `assign` call of
   * the same batch (the runner fills it in): the mode its failure was placed in (what the
   * correction is evidence about). Within one `assign` call the model knows it itself.
   */
  correctedModeId?: string;
}

export function categoryOf(kind: FailureKind): FailureCategory {
  if (kind === 'failure' || kind === 'tool_error') return 'error';
  return kind;
}

/** Records by time, then id: the order assignment depends on, so every run assigns alike. Sorted input is kept as is. */
export function inTimeOrder(records: readonly FailureRecord[]): readonly FailureRecord[] {
  const before = (a: FailureRecord, b: FailureRecord) =>
    a.occurredAtMs - b.occurredAtMs || (a.failureId < b.failureId ? -1 : a.failureId > b.failureId ? 1 : 0);
  for (let i = 1; i < records.length; i++) {
    if (before(records[i - 1]!, records[i]!) > 0) return [...records].sort(before);
  }
  return records;
}
