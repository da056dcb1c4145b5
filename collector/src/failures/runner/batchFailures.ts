import type { FailureRecord } from '../core/FailureRecord.ts';
import {
  correctionFailures,
  failuresOfEpisode,
  type CorrectionReasonRow,
  type EpisodeContext,
  type EpisodeFailureParts,
  type FailedToolCallRow,
  type FailureEpisodeRow,
  type SafetyFlagRow,
} from './failureSources.ts';

/** The rows of a clustering batch's five reads. */
export interface BatchRows {
  episodes: readonly FailureEpisodeRow[];
  toolErrors: readonly FailedToolCallRow[];
  safetyFlags: readonly SafetyFlagRow[];
  corrections: readonly CorrectionReasonRow[];
  correctedEpisodes: readonly EpisodeContext[];
}

/** An episode of the batch (its newest assembly) and what else was read for it. */
interface EpisodeEntry extends EpisodeFailureParts {
  episode: FailureEpisodeRow;
  failedTools: FailedToolCallRow[];
  safetyFlags: SafetyFlagRow[];
  corrections: CorrectionReasonRow[];
}

/** Shared by every entry until it gets a row of its own: most episodes have no flag and no correction. */
const NONE: never[] = [];

/**
 * The failures of one batch: every failure of the episodes assembled in it, and the corrections
 * assembled in it of episodes assembled before. Tool errors, flags and corrections are filed under
 * their episode's entry as they are read, in one map of the batch's episodes: a pass reads about a
 * row per failure, and per-source maps, id sets and joined keys made this a large part of it.
 */
export function failuresOfBatch(rows: BatchRows): { records: FailureRecord[]; episodes: number } {
  const entries = new Map<string, EpisodeEntry>();
  for (const episode of rows.episodes) {
    // An episode assembled twice in the batch comes twice: the newest assembly is the episode.
    const seen = entries.get(episode.EpisodeId);
    if (!seen) entries.set(episode.EpisodeId, { episode, failedTools: NONE, safetyFlags: NONE, corrections: NONE });
    else if (Number(episode.assembledMicros) > Number(seen.episode.assembledMicros)) seen.episode = episode;
  }
  for (const call of rows.toolErrors) {
    const entry = entries.get(call.EpisodeId);
    if (entry) entry.failedTools = appended(entry.failedTools, call);
  }
  for (const flag of rows.safetyFlags) {
    const entry = entries.get(flag.EpisodeId);
    if (entry) entry.safetyFlags = appended(entry.safetyFlags, flag);
  }
  const ofEarlier = new Map<string, CorrectionReasonRow[]>();
  for (const correction of rows.corrections) {
    const entry = entries.get(correction.EpisodeId);
    if (entry) entry.corrections = appended(entry.corrections, correction);
    else ofEarlier.set(correction.EpisodeId, appended(ofEarlier.get(correction.EpisodeId) ?? NONE, correction));
  }
  const records: FailureRecord[] = [];
  for (const entry of entries.values()) {
    if (entry.failedTools.length > 1) entry.failedTools = inStartOrder(newestCalls(entry.failedTools));
    failuresOfEpisode(entry.episode, entry, records);
  }
  const earlier = rows.correctedEpisodes.filter((episode) => !entries.has(episode.EpisodeId));
  for (const episode of earlier) records.push(...correctionFailures(episode, ofEarlier.get(episode.EpisodeId) ?? NONE));
  return { records, episodes: entries.size + earlier.length };
}

/** `list` with `row` at its end: a list of its own the first time, so NONE stays empty. */
function appended<Row>(list: Row[], row: Row): Row[] {
  if (list === NONE) return [row];
  list.push(row);
  return list;
}

/** Of calls read more than once (their episode assembled twice in the batch), the newest assembly of each, where it was first read. */
function newestCalls(calls: FailedToolCallRow[]): FailedToolCallRow[] {
  const newest: FailedToolCallRow[] = [];
  for (const call of calls) {
    const at = newest.findIndex((kept) => kept.SpanId === call.SpanId);
    if (at === -1) newest.push(call);
    else if (Number(call.assembledMicros) > Number(newest[at]!.assembledMicros)) newest[at] = call;
  }
  return newest;
}

function inStartOrder(calls: FailedToolCallRow[]): FailedToolCallRow[] {
  return calls.sort((a, b) => Number(a.startMs) - Number(b.startMs) || (a.SpanId < b.SpanId ? -1 : a.SpanId > b.SpanId ? 1 : 0));
}
