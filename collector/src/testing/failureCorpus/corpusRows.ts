import type { FailureRecord } from '../../failures/core/FailureRecord.ts';
import { microsToDateTime64, msToDateTime64, nextMicros } from '../../shared/clock.ts';
import { headlineOf } from '../../spans/errorHeadline.ts';

/** Rows for the `episodes`, `tool_calls`, `corrections` and `safety_flags` tables, as assembly would write them. */
export interface CorpusRows {
  episodes: object[];
  toolCalls: object[];
  corrections: object[];
  safetyFlags: object[];
}

/**
 * Stores synthetic failures the way real ones arrive: a failed or escalated episode (with its
 * failing tool call), a successful episode with a failed tool call, a corrected episode, a
 * safety-flagged one. Reading them back gives the same failure ids, so clusters can be scored
 * against the corpus truth.
 */
/** Episodes per assembly stamp: assembly writes what settled since its last flush under one stamp. */
const EPISODES_PER_ASSEMBLY = 5000;

export function corpusRows(records: readonly FailureRecord[]): CorpusRows {
  const rows: CorpusRows = { episodes: [], toolCalls: [], corrections: [], safetyFlags: [] };
  let assembledAt = '';
  for (const [index, record] of records.entries()) {
    if (index % EPISODES_PER_ASSEMBLY === 0) assembledAt = microsToDateTime64(nextMicros());
    const failed = record.kind === 'failure' || record.kind === 'escalation';
    const episodeStartMs = record.kind === 'correction' ? record.occurredAtMs - 60_000 : record.occurredAtMs;
    const hasTool = record.tool !== '' && (failed || record.kind === 'tool_error');
    rows.episodes.push({
      EpisodeId: record.episodeId,
      TraceId: record.episodeId,
      Agent: record.agent,
      AgentVersion: record.agentVersion,
      Workflow: record.workflow,
      Outcome: record.kind === 'failure' ? 'failure' : record.kind === 'escalation' ? 'escalated' : 'success',
      StatusCode: record.kind === 'failure' ? 'ERROR' : 'OK',
      ErrorType: failed ? record.errorType : '',
      ErrorMessage: record.kind === 'failure' ? record.text : '',
      ErrorHeadline: record.kind === 'failure' ? headlineOf(record.text) : '',
      StartTime: msToDateTime64(episodeStartMs),
      EndTime: msToDateTime64(episodeStartMs + 2000),
      ToolCallCount: hasTool ? 1 : 0,
      ToolErrorCount: hasTool ? 1 : 0,
      SafetyFlagged: record.kind === 'safety',
      Attributes: record.kind === 'escalation' ? { 'trumpets.escalation.reason': record.text } : {},
      AssembledAt: assembledAt,
    });
    if (hasTool) {
      rows.toolCalls.push({
        EpisodeId: record.episodeId,
        SpanId: record.kind === 'tool_error' ? record.failureId.slice(record.episodeId.length + 1) : record.episodeId.slice(0, 16),
        Agent: record.agent,
        Workflow: record.workflow,
        ToolName: record.tool,
        Status: 'error',
        ErrorType: record.errorType,
        ErrorMessage: record.text,
        ErrorHeadline: headlineOf(record.text),
        StartTime: msToDateTime64(record.occurredAtMs),
        AssembledAt: assembledAt,
      });
    }
    if (record.kind === 'safety') {
      rows.safetyFlags.push({
        EpisodeId: record.episodeId,
        SpanId: record.episodeId.slice(0, 16),
        Kind: record.errorType,
        Detail: record.text,
        FlaggedAt: `${msToDateTime64(record.occurredAtMs)}000000`,
        AssembledAt: assembledAt,
      });
    }
    if (record.kind === 'correction') {
      rows.corrections.push({
        CorrectionId: record.failureId,
        EpisodeId: record.episodeId,
        Reason: record.text,
        Author: 'reviewer',
        CreatedAt: msToDateTime64(record.occurredAtMs),
        AssembledAt: assembledAt,
      });
    }
  }
  return rows;
}
