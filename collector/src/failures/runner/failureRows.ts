import { TabSeparatedReader } from '../../store/tabSeparated.ts';
import type { CorrectionReasonRow, EpisodeContext, FailedToolCallRow, FailureEpisodeRow, SafetyFlagRow } from './failureSources.ts';

/**
 * The reads of a clustering batch, from their TabSeparatedWithNames text straight into rows of one
 * shape each: no line or field arrays and no rows keyed by the header, and one string per
 * agent, workflow, tool or type, since a pass holds every row of a batch at once.
 */

export function episodeRows(text: string): FailureEpisodeRow[] {
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
    'startMs',
    'assembledMicros',
  ]);
  const rows: FailureEpisodeRow[] = [];
  while (reader.hasRow()) {
    rows.push({
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
      startMs: reader.field(),
      assembledMicros: reader.lastField(),
    });
  }
  return rows;
}

/** `queries/failure_episode_outputs.sql`'s rows. */
export function episodeOutputRows(text: string): Array<Pick<FailureEpisodeRow, 'EpisodeId' | 'assembledMicros' | 'Output'>> {
  const reader = new TabSeparatedReader(text, ['EpisodeId', 'assembledMicros', 'Output']);
  const rows = [];
  while (reader.hasRow()) rows.push({ EpisodeId: reader.field(), assembledMicros: reader.field(), Output: reader.lastField() });
  return rows;
}

export function toolErrorRows(text: string): FailedToolCallRow[] {
  const reader = new TabSeparatedReader(text, [
    'EpisodeId',
    'SpanId',
    'ToolName',
    'ErrorType',
    'ErrorMessage',
    'startMs',
    'assembledMicros',
  ]);
  const rows: FailedToolCallRow[] = [];
  while (reader.hasRow()) {
    rows.push({
      EpisodeId: reader.field(),
      SpanId: reader.field(),
      ToolName: reader.sharedField(),
      ErrorType: reader.sharedField(),
      ErrorMessage: reader.field(),
      startMs: reader.field(),
      assembledMicros: reader.lastField(),
    });
  }
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
