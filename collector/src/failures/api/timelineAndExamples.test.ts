import type { FailureView } from '@trumpets/protocol/api';
import { describe, expect, it } from 'vitest';
import { pickDiverseExamples } from './diverseExamples.ts';
import { timelineOf } from './timeline.ts';

const HOUR = 3600_000;

describe('timelineOf', () => {
  it('has every hour and day of the range, zero where nothing failed', () => {
    const day = Date.UTC(2026, 10, 24);
    const { hourly, daily } = timelineOf(
      [
        { hourMs: day + 2 * HOUR, failures: 3 },
        { hourMs: day + 25 * HOUR, failures: 4 },
      ],
      day + 30 * 60_000,
      day + 26 * HOUR,
    );
    expect(hourly).toHaveLength(26);
    expect(hourly[2]).toEqual({ time: '2026-11-24T02:00:00.000Z', failures: 3 });
    expect(hourly.filter((point) => point.failures === 0)).toHaveLength(24);
    expect(daily).toEqual([
      { time: '2026-11-24T00:00:00.000Z', failures: 3 },
      { time: '2026-11-25T00:00:00.000Z', failures: 4 },
    ]);
  });
});

describe('pickDiverseExamples', () => {
  const view = (failureId: string, fields: Partial<FailureView>): FailureView => ({
    failureId,
    episodeId: failureId,
    templateId: 't1',
    kind: 'failure',
    agent: 'a',
    agentVersion: '1',
    workflow: 'w',
    tool: 'x',
    text: '',
    occurredAt: '',
    ...fields,
  });

  it('prefers examples that show another wording, agent or version over newer look-alikes', () => {
    const candidates = [
      view('newest', {}),
      view('same-again', {}),
      view('other-agent', { agent: 'b', agentVersion: '2' }),
      view('other-wording', { templateId: 't2' }),
    ];
    expect(pickDiverseExamples(candidates, 3).map((example) => example.failureId)).toEqual(['newest', 'other-agent', 'other-wording']);
  });

  it('returns all candidates when there are fewer than asked for', () => {
    expect(pickDiverseExamples([view('only', {})], 5)).toHaveLength(1);
  });
});
