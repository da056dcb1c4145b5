import { NONE, type FailedToolCallRow, type FailureEpisodeRow } from '../failures/runner/failureSources.ts';

/** A succeeded episode as `queries/failure_episodes.sql` reads it, with `fields` changed. */
export const episodeRow = (fields: Partial<FailureEpisodeRow>): FailureEpisodeRow => ({
  EpisodeId: 'ep1',
  Agent: 'support-bot',
  AgentVersion: '1.2.0',
  Workflow: 'refund',
  Outcome: 'success',
  ErrorType: '',
  ErrorMessage: '',
  EscalationReason: '',
  NeedsOutput: false,
  Output: '',
  SafetyFlagged: false,
  startMs: 1000,
  assembledMicros: 1,
  failedTools: NONE,
  safetyFlags: NONE,
  corrections: NONE,
  ...fields,
});

/** A failed tool call of that episode as `queries/failure_episodes.sql` reads it beside the episode, with `fields` changed. */
export const toolErrorRow = (fields: Partial<FailedToolCallRow>): FailedToolCallRow => ({
  SpanId: 's1',
  ToolName: 'payments.refund',
  ErrorType: 'TimeoutError',
  ErrorMessage: 'timed out',
  startMs: 1100,
  ...fields,
});
