import { describe, expect, it } from 'vitest';
import { episodeRow as episode, toolErrorRow as tool } from '../../testing/failureSourceRows.ts';
import type { FailureEpisodeRow } from './failureSources.ts';
import { BatchEpisodes, type BatchParts } from './batchFailures.ts';

/** A batch's reads, as the pass hands them to `BatchEpisodes`. */
type BatchRows = BatchParts & { episodes: readonly FailureEpisodeRow[] };

const failuresOfBatch = (rows: BatchRows) => new BatchEpisodes(rows.episodes).failures(rows);

const batch = (rows: Partial<BatchRows>): BatchRows => ({
  episodes: [],
  safetyFlags: [],
  corrections: [],
  correctedEpisodes: [],
  ...rows,
});

describe('failuresOfBatch', () => {
  it('reads a call stored twice once and orders each episode’s calls by start', () => {
    const { records } = failuresOfBatch(
      batch({
        episodes: [
          episode({
            failedTools: [
              tool({ SpanId: 's2', startMs: 1300 }),
              tool({ SpanId: 's1', startMs: 1200 }),
              tool({ SpanId: 's2', startMs: 1300 }),
            ],
          }),
          episode({ EpisodeId: 'ep2', failedTools: [tool({ SpanId: 's9' })] }),
        ],
      }),
    );
    expect(records.map((record) => record.failureId)).toEqual(['ep1/s1', 'ep1/s2', 'ep2/s9']);
  });

  it('takes the calls of an episode assembled twice in the batch from its newest assembly', () => {
    const { records } = failuresOfBatch(
      batch({
        episodes: [
          episode({ assembledMicros: 5, failedTools: [tool({ ErrorMessage: 'new' })] }),
          episode({ assembledMicros: 4, failedTools: [tool({ ErrorMessage: 'old' })] }),
        ],
      }),
    );
    expect(records.map((record) => [record.failureId, record.text])).toEqual([['ep1/s1', 'new']]);
  });

  it('reads an episode assembled twice in the batch once, as its newest assembly', () => {
    const { records, episodes } = failuresOfBatch(
      batch({
        episodes: [
          episode({ Outcome: 'failure', ErrorMessage: 'first', assembledMicros: 4 }),
          episode({ Outcome: 'failure', ErrorMessage: 'second', assembledMicros: 5 }),
        ],
      }),
    );
    expect(episodes).toBe(1);
    expect(records.map((record) => record.text)).toEqual(['second']);
  });

  it('clusters a correction of an episode assembled before under that episode, with the mode it was placed in', () => {
    const { records, episodes } = failuresOfBatch(
      batch({
        episodes: [episode({ EpisodeId: 'ep2', Outcome: 'failure', ErrorMessage: 'timed out' })],
        corrections: [
          { CorrectionId: 'c1', EpisodeId: 'ep1', Reason: 'wrong amount', createdMs: '9000' },
          { CorrectionId: 'c2', EpisodeId: 'ep2', Reason: 'too slow', createdMs: '9100' },
        ],
        correctedEpisodes: [{ EpisodeId: 'ep1', Agent: 'support-bot', AgentVersion: '1.1.0', Workflow: 'refund', ModeId: 'fm_1' }],
      }),
    );
    expect(episodes).toBe(2);
    expect(records.map((record) => [record.failureId, record.kind, record.agentVersion, record.correctedModeId])).toEqual([
      ['ep2', 'failure', '1.2.0', undefined],
      ['c2', 'correction', '1.2.0', undefined],
      ['c1', 'correction', '1.1.0', 'fm_1'],
    ]);
  });

  it('files flags only under an episode whose newest assembly is flagged', () => {
    const flag = (EpisodeId: string) => ({ EpisodeId, Kind: 'pii', Detail: 'an email address', flaggedMs: '1500' });
    const { records } = failuresOfBatch(
      batch({
        episodes: [
          episode({ EpisodeId: 'ep1', SafetyFlagged: true, assembledMicros: 4 }),
          episode({ EpisodeId: 'ep1', assembledMicros: 5 }),
          episode({ EpisodeId: 'ep2', assembledMicros: 4 }),
          episode({ EpisodeId: 'ep2', SafetyFlagged: true, assembledMicros: 5 }),
        ],
        safetyFlags: [flag('ep1'), flag('ep2')],
      }),
    );
    expect(records.map((record) => record.failureId)).toEqual(['ep2/safety/pii']);
  });

  it('asks where only the corrected episodes not its own ran', () => {
    const episodes = new BatchEpisodes([episode({ EpisodeId: 'ep1' }), episode({ EpisodeId: 'ep2' })]);
    const correction = (CorrectionId: string, EpisodeId: string) => ({
      CorrectionId,
      EpisodeId,
      Reason: 'wrong amount',
      createdMs: '9000',
    });
    expect(episodes.correctedBefore([correction('c1', 'ep2'), correction('c2', 'ep0'), correction('c3', 'ep0')])).toEqual(['ep0']);
  });
});
