import { describe, expect, it } from 'vitest';
import { episodeRow as episode, toolErrorRow as tool } from '../../testing/failureSourceRows.ts';
import { failuresOfBatch, type BatchRows } from './batchFailures.ts';

const batch = (rows: Partial<BatchRows>): BatchRows => ({
  episodes: [],
  toolErrors: [],
  safetyFlags: [],
  corrections: [],
  correctedEpisodes: [],
  ...rows,
});

describe('failuresOfBatch', () => {
  it('keeps the newest assembly of a call read twice and orders each episode’s calls by start', () => {
    const { records } = failuresOfBatch(
      batch({
        episodes: [episode({}), episode({ EpisodeId: 'ep2' })],
        toolErrors: [
          tool({ SpanId: 's2', startMs: '1300', assembledMicros: '5' }),
          tool({ SpanId: 's1', startMs: '1200', ErrorMessage: 'old', assembledMicros: '4' }),
          tool({ SpanId: 's1', startMs: '1200', ErrorMessage: 'new', assembledMicros: '5' }),
          tool({ EpisodeId: 'ep2', SpanId: 's9' }),
        ],
      }),
    );
    expect(records.map((record) => [record.failureId, record.text])).toEqual([
      ['ep1/s1', 'new'],
      ['ep1/s2', 'timed out'],
      ['ep2/s9', 'timed out'],
    ]);
  });

  it('reads an episode assembled twice in the batch once, as its newest assembly', () => {
    const { records, episodes } = failuresOfBatch(
      batch({
        episodes: [
          episode({ Outcome: 'failure', ErrorMessage: 'first', assembledMicros: '4' }),
          episode({ Outcome: 'failure', ErrorMessage: 'second', assembledMicros: '5' }),
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
        correctedEpisodes: [
          { EpisodeId: 'ep1', Agent: 'support-bot', AgentVersion: '1.1.0', Workflow: 'refund', ModeId: 'fm_1' },
          { EpisodeId: 'ep2', Agent: 'support-bot', AgentVersion: '1.2.0', Workflow: 'refund', ModeId: '' },
        ],
      }),
    );
    expect(episodes).toBe(2);
    expect(records.map((record) => [record.failureId, record.kind, record.agentVersion, record.correctedModeId])).toEqual([
      ['ep2', 'failure', '1.2.0', undefined],
      ['c2', 'correction', '1.2.0', undefined],
      ['c1', 'correction', '1.1.0', 'fm_1'],
    ]);
  });
});
