import { readNativeBlocks } from '../../store/nativeReader.ts';
import { TabSeparatedReader } from '../../store/tabSeparated.ts';
import { NONE, type CorrectionReasonRow, type EpisodeContext, type FailureEpisodeRow, type SafetyFlagRow } from './failureSources.ts';

/**
 * The reads of a clustering batch straight into rows of one shape each: the episodes from their
 * Native result, column by column, the smaller reads from their TabSeparatedWithNames text with no
 * line or field arrays and no rows keyed by the header; one string per agent, workflow, tool or
 * type, since a pass holds every row of a batch at once.
 */

/** `queries/failure_episodes.sql`'s columns, in order. */
const EPISODE_COLUMNS = [
  ['EpisodeId', 'string'],
  ['Agent', 'string'],
  ['AgentVersion', 'string'],
  ['Workflow', 'string'],
  ['Outcome', 'string'],
  ['ErrorType', 'string'],
  ['ErrorMessage', 'string'],
  ['EscalationReason', 'string'],
  ['NeedsOutput', 'flag'],
  ['SafetyFlagged', 'flag'],
  ['startMs', 'integer'],
  ['assembledMicros', 'integer'],
  ['SpanId', 'string'],
  ['ToolName', 'string'],
  ['ToolErrorType', 'string'],
  ['ToolErrorAsEpisode', 'flag'],
  ['ToolErrorMessage', 'string'],
  ['toolStartMs', 'integer'],
] as const;

/**
 * `queries/failure_episodes.sql`'s rows (its Native result), an episode with its failed calls: the
 * join writes one row per call, so a row of the same episode and assembly as the row before adds a
 * call to it.
 */
export function episodeRows(result: Uint8Array): FailureEpisodeRow[] {
  const episodes: FailureEpisodeRow[] = [];
  let last: FailureEpisodeRow | undefined;
  for (const block of readNativeBlocks(result, EPISODE_COLUMNS)) {
    const episodeIds = block.strings('EpisodeId');
    const agents = block.strings('Agent');
    const agentVersions = block.strings('AgentVersion');
    const workflows = block.strings('Workflow');
    const outcomes = block.strings('Outcome');
    const errorTypes = block.strings('ErrorType');
    const errorMessages = block.strings('ErrorMessage');
    const escalationReasons = block.strings('EscalationReason');
    const needsOutput = block.flags('NeedsOutput');
    const safetyFlagged = block.flags('SafetyFlagged');
    const startMs = block.integers('startMs');
    const assembledMicros = block.integers('assembledMicros');
    const spanIds = block.strings('SpanId');
    const toolNames = block.strings('ToolName');
    const toolErrorTypes = block.strings('ToolErrorType');
    const toolErrorAsEpisode = block.flags('ToolErrorAsEpisode');
    const toolErrorMessages = block.strings('ToolErrorMessage');
    const toolStartMs = block.integers('toolStartMs');
    for (let row = 0; row < block.rows; row++) {
      const EpisodeId = episodeIds[row]!;
      const assembled = assembledMicros[row]!;
      let episode = last;
      if (!episode || episode.EpisodeId !== EpisodeId || episode.assembledMicros !== assembled) {
        episode = {
          EpisodeId,
          Agent: agents[row]!,
          AgentVersion: agentVersions[row]!,
          Workflow: workflows[row]!,
          Outcome: outcomes[row]!,
          ErrorType: errorTypes[row]!,
          ErrorMessage: errorMessages[row]!,
          EscalationReason: escalationReasons[row]!,
          NeedsOutput: needsOutput[row] === 1,
          Output: '',
          SafetyFlagged: safetyFlagged[row] === 1,
          startMs: startMs[row]!,
          assembledMicros: assembled,
          failedTools: NONE,
          safetyFlags: NONE,
          corrections: NONE,
        };
        episodes.push(episode);
        last = episode;
      }
      // An episode without a failed call joins none: its call columns are empty.
      const SpanId = spanIds[row]!;
      if (SpanId === '') continue;
      const call = {
        SpanId,
        ToolName: toolNames[row]!,
        ErrorType: toolErrorTypes[row]!,
        ErrorMessage: toolErrorAsEpisode[row] === 1 ? episode.ErrorMessage : toolErrorMessages[row]!,
        startMs: toolStartMs[row]!,
      };
      if (episode.failedTools === NONE) episode.failedTools = [call];
      else episode.failedTools.push(call);
    }
  }
  return episodes;
}

/** `queries/failure_episode_outputs.sql`'s rows. */
export function episodeOutputRows(text: string): Array<Pick<FailureEpisodeRow, 'EpisodeId' | 'assembledMicros' | 'Output'>> {
  const reader = new TabSeparatedReader(text, ['EpisodeId', 'assembledMicros', 'Output']);
  const rows = [];
  while (reader.hasRow()) rows.push({ EpisodeId: reader.field(), assembledMicros: Number(reader.field()), Output: reader.lastField() });
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
