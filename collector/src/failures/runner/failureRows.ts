import { TabSeparatedReader } from '../../store/tabSeparated.ts';
import type { CorrectionReasonRow, EpisodeContext, EpisodeReading, FailureEpisodeRow, SafetyFlagRow } from './failureSources.ts';

/**
 * The reads of a clustering batch, from their TabSeparatedWithNames text straight into rows of one
 * shape each: no line or field arrays and no rows keyed by the header, and one string per
 * agent, workflow, tool or type, since a pass holds every row of a batch at once.
 */

/** Shared by every episode without a failed call: most have one or none. */
const NO_CALLS: never[] = [];

/**
 * `queries/failure_episodes.sql`'s rows, an episode with its failed calls: the join writes one row
 * per call, so a row of the same episode and assembly as the row before adds a call to it.
 */
export function episodeRows(text: string): EpisodeReading[] {
  const reader = new TabSeparatedReader(text, [
    'EpisodeId',
    'Agent',
    'AgentVersion',
    'Workflow',
    'Outcome',
    'ErrorType',
    'ErrorMessage',
    'EscalationReason',
    'NeedsOutput',
    'SafetyFlagged',
    'startMs',
    'assembledMicros',
    'SpanId',
    'ToolName',
    'ToolErrorType',
    'ToolErrorAsEpisode',
    'ToolErrorMessage',
    'toolStartMs',
  ]);
  const readings: EpisodeReading[] = [];
  let last: EpisodeReading | undefined;
  while (reader.hasRow()) {
    const episode: FailureEpisodeRow = {
      EpisodeId: reader.field(),
      Agent: reader.sharedField(),
      AgentVersion: reader.sharedField(),
      Workflow: reader.sharedField(),
      Outcome: reader.sharedField(),
      ErrorType: reader.sharedField(),
      ErrorMessage: reader.field(),
      EscalationReason: reader.field(),
      NeedsOutput: reader.field() === '1',
      Output: '',
      SafetyFlagged: reader.field() === '1',
      startMs: reader.field(),
      assembledMicros: reader.field(),
    };
    const SpanId = reader.field();
    const ToolName = reader.sharedField();
    const ErrorType = reader.sharedField();
    const asEpisode = reader.field() === '1';
    const own = reader.field();
    const startMs = reader.lastField();
    const reading =
      last && last.episode.EpisodeId === episode.EpisodeId && last.episode.assembledMicros === episode.assembledMicros
        ? last
        : { episode, failedTools: NO_CALLS };
    if (reading !== last) readings.push(reading);
    last = reading;
    // An episode without a failed call joins none: its call columns are empty.
    if (SpanId === '') continue;
    const call = {
      EpisodeId: episode.EpisodeId,
      SpanId,
      ToolName,
      ErrorType,
      ErrorMessage: asEpisode ? episode.ErrorMessage : own,
      startMs,
      assembledMicros: episode.assembledMicros,
    };
    if (reading.failedTools === NO_CALLS) reading.failedTools = [call];
    else reading.failedTools.push(call);
  }
  return readings;
}

/** `queries/failure_episode_outputs.sql`'s rows. */
export function episodeOutputRows(text: string): Array<Pick<FailureEpisodeRow, 'EpisodeId' | 'assembledMicros' | 'Output'>> {
  const reader = new TabSeparatedReader(text, ['EpisodeId', 'assembledMicros', 'Output']);
  const rows = [];
  while (reader.hasRow()) rows.push({ EpisodeId: reader.field(), assembledMicros: reader.field(), Output: reader.lastField() });
  return rows;
}

export function safetyFlagRows(text: string): SafetyFlagRow[] {
  const reader = new TabSeparatedReader(text, ['EpisodeId', 'Kind', 'Detail', 'flaggedMs']);
  const rows: SafetyFlagRow[] = [];
  while (reader.hasRow())
    rows.push({ EpisodeId: reader.field(), Kind: reader.sharedField(), Detail: reader.field(), flaggedMs: reader.lastField() });
  return rows;
}

export function correctionRows(text: string): CorrectionReasonRow[] {
  const reader = new TabSeparatedReader(text, ['CorrectionId', 'EpisodeId', 'Reason', 'createdMs']);
  const rows: CorrectionReasonRow[] = [];
  while (reader.hasRow())
    rows.push({ CorrectionId: reader.field(), EpisodeId: reader.field(), Reason: reader.field(), createdMs: reader.lastField() });
  return rows;
}

export function correctedEpisodeRows(text: string): EpisodeContext[] {
  const reader = new TabSeparatedReader(text, ['EpisodeId', 'Agent', 'AgentVersion', 'Workflow', 'ModeId']);
  const rows: EpisodeContext[] = [];
  while (reader.hasRow()) {
    rows.push({
      EpisodeId: reader.field(),
      Agent: reader.sharedField(),
      AgentVersion: reader.sharedField(),
      Workflow: reader.sharedField(),
      ModeId: reader.lastField(),
    });
  }
  return rows;
}
