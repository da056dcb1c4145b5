import { isGenericErrorType } from '../core/errorHeadline.ts';
import type { FailureKind, FailureRecord } from '../core/FailureRecord.ts';

/**
 * The list an episode shares with every other until it gets one of its own: most have one failed
 * call or none, and few a flag or a correction. Never pushed to (`BatchEpisodes` files rows into
 * lists of their own).
 */
export const NONE: never[] = [];

/**
 * An episode of a clustering batch as `queries/failure_episodes.sql` reads it, with the failed
 * tool calls of that assembly (joined there), and the safety flags and corrections the batch's
 * other reads file under it (empty until they do): one object per episode, since a pass holds
 * every episode of a batch at once.
 */
export interface FailureEpisodeRow {
  EpisodeId: string;
  Agent: string;
  AgentVersion: string;
  Workflow: string;
  Outcome: string;
  ErrorType: string;
  ErrorMessage: string;
  EscalationReason: string;
  /** Whether it failed or was escalated with neither an error nor a reason: its answer is all there is to go by. */
  NeedsOutput: boolean;
  /** The answer's first 400 characters where NeedsOutput (read apart: `queries/failure_episode_outputs.sql`), else ''. */
  Output: string;
  /** Whether assembly marked it flagged for safety review (its flags are read apart: `queries/failure_safety_flags.sql`). */
  SafetyFlagged: boolean;
  startMs: number;
  assembledMicros: number;
  failedTools: FailedToolCallRow[];
  safetyFlags: SafetyFlagRow[];
  corrections: CorrectionReasonRow[];
}

/** A failed tool call as `queries/failure_episodes.sql` reads it beside its episode (whose id and assembly it shares). */
export interface FailedToolCallRow {
  SpanId: string;
  ToolName: string;
  ErrorType: string;
  ErrorMessage: string;
  startMs: number;
}

/** A safety flag as `queries/failure_safety_flags.sql` reads it. */
export interface SafetyFlagRow {
  EpisodeId: string;
  Kind: string;
  Detail: string;
  flaggedMs: string;
}

/** A correction as `queries/failure_corrections.sql` reads it. */
export interface CorrectionReasonRow {
  CorrectionId: string;
  EpisodeId: string;
  Reason: string;
  createdMs: string;
}

/**
 * The failures one episode holds (with what the batch filed under it): the episode itself when it
 * failed or was escalated, each failed tool call when it otherwise succeeded, each kind of safety
 * flag raised, and each human correction.
 * Ids are stable (episode id, `episode/span`, `episode/safety/kind`, correction id), so reading an
 * episode again after re-assembly replaces its failures rather than adding to them. Appended to
 * `records` when given (a pass collects a batch's failures in one list).
 */
export function failuresOfEpisode(episode: FailureEpisodeRow, records: FailureRecord[] = []): FailureRecord[] {
  const { failedTools, safetyFlags, corrections } = episode;
  if (episode.Outcome === 'failure' || episode.Outcome === 'escalated') {
    const cause = causeOf(episode, failedTools);
    records.push(
      failure(
        episode,
        episode.EpisodeId,
        episode.Outcome === 'failure' ? 'failure' : 'escalation',
        cause.tool,
        cause.errorType,
        cause.text,
        episode.startMs,
      ),
    );
  } else {
    for (const call of failedTools) {
      records.push(
        failure(
          episode,
          `${episode.EpisodeId}/${call.SpanId}`,
          'tool_error',
          call.ToolName,
          call.ErrorType,
          call.ErrorMessage,
          call.startMs,
        ),
      );
    }
  }
  for (let i = 0; i < safetyFlags.length; i++) {
    const flag = safetyFlags[i]!;
    // The first flag of each kind; an episode raises few, so no set is built per episode.
    if (safetyFlags.findIndex((other) => other.Kind === flag.Kind) !== i) continue;
    records.push(
      failure(episode, `${episode.EpisodeId}/safety/${flag.Kind}`, 'safety', '', flag.Kind, flag.Detail, Number(flag.flaggedMs)),
    );
  }
  for (const correction of corrections)
    records.push(failure(episode, correction.CorrectionId, 'correction', '', '', correction.Reason, Number(correction.createdMs)));
  return records;
}

/**
 * One failure of an episode, built field by field, not by spreading a shared context (spreads take
 * V8's slow path) and not by a closure per episode: both made this the slowest part of a pass.
 */
function failure(
  episode: FailureEpisodeRow,
  failureId: string,
  kind: FailureKind,
  tool: string,
  errorType: string,
  text: string,
  occurredAtMs: number,
): FailureRecord {
  return {
    failureId,
    episodeId: episode.EpisodeId,
    kind,
    agent: episode.Agent,
    agentVersion: episode.AgentVersion,
    workflow: episode.Workflow,
    tool,
    errorType,
    text,
    occurredAtMs,
  };
}

/** Where an episode ran, and the mode an earlier pass placed its failure in ('' when none): all a correction needs of it. */
export type EpisodeContext = Pick<FailureEpisodeRow, 'EpisodeId' | 'Agent' | 'AgentVersion' | 'Workflow'> & { ModeId?: string };

/** Human corrections of an episode as failures: its reason is the text, clustered by workflow. */
export function correctionFailures(episode: EpisodeContext, corrections: readonly CorrectionReasonRow[]): FailureRecord[] {
  return corrections.map((correction) => ({
    failureId: correction.CorrectionId,
    episodeId: episode.EpisodeId,
    kind: 'correction',
    agent: episode.Agent,
    agentVersion: episode.AgentVersion,
    workflow: episode.Workflow,
    tool: '',
    errorType: '',
    text: correction.Reason,
    occurredAtMs: Number(correction.createdMs),
    correctedModeId: episode.ModeId ?? '',
  }));
}

/**
 * What made an episode fail. A failed tool call with the episode's error type is the failing tool
 * (assembly copies the first tool error to an episode whose root recorded none). When the episode's
 * own error is generic (`Error: tool failed`) the first tool error is the more specific cause; when
 * only the tool's is, the tool failed and the episode's type says why. Either way a failed tool is
 * the failing tool, so the typed and the untyped throws of one cause share a place.
 */
function causeOf(
  episode: FailureEpisodeRow,
  failedTools: readonly FailedToolCallRow[],
): Pick<FailureRecord, 'tool' | 'errorType' | 'text'> {
  const text = episode.ErrorMessage || episode.EscalationReason || episode.Output;
  const sameType = episode.ErrorType ? failedTools.find((call) => call.ErrorType === episode.ErrorType) : undefined;
  if (sameType) return { tool: sameType.ToolName, errorType: episode.ErrorType, text };
  const first = failedTools[0];
  if (first && isGenericErrorType(episode.ErrorType)) {
    return { tool: first.ToolName, errorType: first.ErrorType, text: first.ErrorMessage };
  }
  // A tool that failed without saying why, under an episode that says why: the tool, with the episode's type.
  const untyped = failedTools.find((call) => isGenericErrorType(call.ErrorType));
  if (untyped) return { tool: untyped.ToolName, errorType: episode.ErrorType, text: text || untyped.ErrorMessage };
  return { tool: '', errorType: episode.ErrorType, text };
}
