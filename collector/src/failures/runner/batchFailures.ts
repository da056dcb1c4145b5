import type { FailureRecord } from '../core/FailureRecord.ts';
import {
  correctionFailures,
  failuresOfEpisode,
  type CorrectionReasonRow,
  type EpisodeContext,
  type EpisodeFailureParts,
  type EpisodeReading,
  type FailedToolCallRow,
  type FailureEpisodeRow,
  type SafetyFlagRow,
} from './failureSources.ts';

/** What a clustering batch reads besides its episodes: the flags of those flagged, its corrections, and the episodes before it that they correct. */
export interface BatchParts {
  safetyFlags: readonly SafetyFlagRow[];
  corrections: readonly CorrectionReasonRow[];
  /** Where the corrected episodes not among the batch's own ran (`BatchEpisodes.correctedBefore`). */
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
 * The episodes of one clustering batch, each once (its newest assembly) with its failed calls, and
 * what the batch's other reads must ask for: the flags of the flagged ones, and where the episodes
 * corrected but assembled before ran. Flags and corrections are filed under their episode's entry
 * in one map of the batch's episodes: a pass reads about a row per failure, and per-source maps,
 * id sets and joined keys made this a large part of it.
 */
export class BatchEpisodes {
  private readonly entries = new Map<string, EpisodeEntry>();
  /**
   * The entries again, in order, walked by index: these loops run a few times a pass over tens of
   * thousands of rows, mostly before they are optimized, and for-of allocated a result per row then.
   */
  private readonly list: EpisodeEntry[] = [];

  constructor(readings: readonly EpisodeReading[]) {
    for (let i = 0; i < readings.length; i++) {
      const { episode, failedTools } = readings[i]!;
      // An episode assembled twice in the batch comes twice: the newest assembly is the episode.
      const seen = this.entries.get(episode.EpisodeId);
      if (!seen) {
        const entry = { episode, failedTools, safetyFlags: NONE, corrections: NONE };
        this.entries.set(episode.EpisodeId, entry);
        this.list.push(entry);
      } else if (episode.assembledMicros > seen.episode.assembledMicros) {
        seen.episode = episode;
        seen.failedTools = failedTools;
      }
    }
  }

  /** The episodes assembly marked flagged, whose flags the batch reads. */
  flagged(): string[] {
    const ids: string[] = [];
    for (let i = 0; i < this.list.length; i++) {
      const { episode } = this.list[i]!;
      if (episode.SafetyFlagged) ids.push(episode.EpisodeId);
    }
    return ids;
  }

  /** The episodes `corrections` correct that are not the batch's own: assembled before, or not yet. */
  correctedBefore(corrections: readonly CorrectionReasonRow[]): string[] {
    const ids = new Set<string>();
    for (const correction of corrections) if (!this.entries.has(correction.EpisodeId)) ids.add(correction.EpisodeId);
    return [...ids];
  }

  /**
   * The failures of the batch: every failure of its episodes, and the corrections assembled in it
   * of episodes assembled before (a correction of an episode not stored yet waits for it).
   */
  failures({ safetyFlags, corrections, correctedEpisodes }: BatchParts): { records: FailureRecord[]; episodes: number } {
    const { entries, list } = this;
    for (const flag of safetyFlags) {
      const entry = entries.get(flag.EpisodeId);
      if (entry) entry.safetyFlags = appended(entry.safetyFlags, flag);
    }
    const ofEarlier = new Map<string, CorrectionReasonRow[]>();
    for (const correction of corrections) {
      const entry = entries.get(correction.EpisodeId);
      if (entry) entry.corrections = appended(entry.corrections, correction);
      else ofEarlier.set(correction.EpisodeId, appended(ofEarlier.get(correction.EpisodeId) ?? NONE, correction));
    }
    const records: FailureRecord[] = [];
    for (let i = 0; i < list.length; i++) {
      const entry = list[i]!;
      if (entry.failedTools.length > 1) entry.failedTools = inStartOrder(eachCallOnce(entry.failedTools));
      failuresOfEpisode(entry.episode, entry, records);
    }
    for (const episode of correctedEpisodes) records.push(...correctionFailures(episode, ofEarlier.get(episode.EpisodeId) ?? NONE));
    return { records, episodes: entries.size + correctedEpisodes.length };
  }
}

/** `list` with `row` at its end: a list of its own the first time, so NONE stays empty. */
function appended<Row>(list: Row[], row: Row): Row[] {
  if (list === NONE) return [row];
  list.push(row);
  return list;
}

/** Each call of an assembly once: one stored twice (an insert retried) is read twice. */
function eachCallOnce(calls: FailedToolCallRow[]): FailedToolCallRow[] {
  const once: FailedToolCallRow[] = [];
  for (const call of calls) if (!once.some((kept) => kept.SpanId === call.SpanId)) once.push(call);
  return once;
}

function inStartOrder(calls: FailedToolCallRow[]): FailedToolCallRow[] {
  return calls.sort((a, b) => a.startMs - b.startMs || (a.SpanId < b.SpanId ? -1 : a.SpanId > b.SpanId ? 1 : 0));
}
