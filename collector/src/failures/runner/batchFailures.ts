import type { FailureRecord } from '../core/FailureRecord.ts';
import {
  correctionFailures,
  failuresOfEpisode,
  NONE,
  type CorrectionReasonRow,
  type EpisodeContext,
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

/**
 * The episodes of one clustering batch, each once (its newest assembly) with its failed calls, and
 * what the batch's last read must ask for: where the episodes corrected but assembled before ran.
 * Flags and corrections are filed on their episode's row, found through one map of the batch's
 * episodes: a pass reads about a row per failure, and per-source maps, id sets, joined keys and an
 * object per episode besides its row made this a large part of it.
 */
export class BatchEpisodes {
  /** Each episode's newest assembly, by id: its position in `read`. */
  private readonly newest = new Map<string, number>();
  /**
   * The newest assembly of each, in order, walked by index: these loops run a few times a pass
   * over tens of thousands of rows, mostly before they are optimized, and for-of allocated a
   * result per row then. The rows as read unless an episode came twice.
   */
  private readonly list: readonly FailureEpisodeRow[];

  constructor(private readonly read: readonly FailureEpisodeRow[]) {
    const { newest } = this;
    let twice = false;
    for (let i = 0; i < read.length; i++) {
      const episode = read[i]!;
      // An episode assembled twice in the batch comes twice: the newest assembly is the episode.
      const seen = newest.get(episode.EpisodeId);
      if (seen === undefined) newest.set(episode.EpisodeId, i);
      else {
        twice = true;
        if (episode.assembledMicros > read[seen]!.assembledMicros) newest.set(episode.EpisodeId, i);
      }
    }
    this.list = twice ? read.filter((episode, i) => newest.get(episode.EpisodeId) === i) : read;
  }

  /** The batch's episode of this id (its newest assembly), if any. */
  private episode(id: string): FailureEpisodeRow | undefined {
    const at = this.newest.get(id);
    return at === undefined ? undefined : this.read[at];
  }

  /** The episodes `corrections` correct that are not the batch's own: assembled before, or not yet. */
  correctedBefore(corrections: readonly CorrectionReasonRow[]): string[] {
    const ids = new Set<string>();
    for (const correction of corrections) if (!this.newest.has(correction.EpisodeId)) ids.add(correction.EpisodeId);
    return [...ids];
  }

  /**
   * The failures of the batch: every failure of its episodes, and the corrections assembled in it
   * of episodes assembled before (a correction of an episode not stored yet waits for it).
   */
  failures({ safetyFlags, corrections, correctedEpisodes }: BatchParts): { records: FailureRecord[]; episodes: number } {
    const { list } = this;
    for (const flag of safetyFlags) {
      // Read for every assembly in the batch: an episode's flags are those of its newest.
      const episode = this.episode(flag.EpisodeId);
      if (episode?.SafetyFlagged) episode.safetyFlags = appended(episode.safetyFlags, flag);
    }
    const ofEarlier = new Map<string, CorrectionReasonRow[]>();
    for (const correction of corrections) {
      const episode = this.episode(correction.EpisodeId);
      if (episode) episode.corrections = appended(episode.corrections, correction);
      else ofEarlier.set(correction.EpisodeId, appended(ofEarlier.get(correction.EpisodeId) ?? NONE, correction));
    }
    const records: FailureRecord[] = [];
    for (let i = 0; i < list.length; i++) {
      const episode = list[i]!;
      if (episode.failedTools.length > 1) episode.failedTools = inStartOrder(eachCallOnce(episode.failedTools));
      failuresOfEpisode(episode, records);
    }
    for (const episode of correctedEpisodes) records.push(...correctionFailures(episode, ofEarlier.get(episode.EpisodeId) ?? NONE));
    return { records, episodes: this.newest.size + correctedEpisodes.length };
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
