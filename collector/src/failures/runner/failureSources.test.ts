import { describe, expect, it } from 'vitest';
import { episodeRow as episode, toolErrorRow as tool } from '../../testing/failureSourceRows.ts';
import { failuresOfEpisode } from './failureSources.ts';

describe('failuresOfEpisode', () => {
  it('names the failing tool of a failed episode whose error came from it', () => {
    const [record] = failuresOfEpisode(
      episode({ Outcome: 'failure', ErrorType: 'TimeoutError', ErrorMessage: 'timed out', failedTools: [tool({})] }),
    );
    expect(record).toMatchObject({
      failureId: 'ep1',
      kind: 'failure',
      tool: 'payments.refund',
      errorType: 'TimeoutError',
      text: 'timed out',
      occurredAtMs: 1000,
    });
  });

  it('takes the first tool error as the cause when the episode only recorded a generic one', () => {
    const [record] = failuresOfEpisode(
      episode({
        Outcome: 'failure',
        ErrorType: 'Error',
        ErrorMessage: 'agent gave up',
        failedTools: [tool({ ErrorType: 'RateLimitError', ErrorMessage: '429' })],
      }),
    );
    expect(record).toMatchObject({ tool: 'payments.refund', errorType: 'RateLimitError', text: '429' });
  });

  it('keeps an episode’s own specific error, with no tool, when no tool raised it', () => {
    const [record] = failuresOfEpisode(
      episode({ Outcome: 'failure', ErrorType: 'MaxIterationsExceeded', ErrorMessage: 'stopped after 10 steps', failedTools: [tool({})] }),
    );
    expect(record).toMatchObject({ tool: '', errorType: 'MaxIterationsExceeded', text: 'stopped after 10 steps' });
  });

  it('names a tool that failed untyped as the failing tool of an episode with a specific type', () => {
    const [record] = failuresOfEpisode(
      episode({
        Outcome: 'failure',
        ErrorType: 'CardDeclinedError',
        ErrorMessage: 'card ending 4242 declined',
        failedTools: [tool({ ToolName: 'payments.charge', ErrorType: 'Error', ErrorMessage: 'card ending 4242 declined' })],
      }),
    );
    expect(record).toMatchObject({ tool: 'payments.charge', errorType: 'CardDeclinedError', text: 'card ending 4242 declined' });
  });

  it('reads an escalation by its reason, else its answer', () => {
    expect(failuresOfEpisode(episode({ Outcome: 'escalated', EscalationReason: 'wants a human' }))[0]).toMatchObject({
      kind: 'escalation',
      text: 'wants a human',
    });
    expect(failuresOfEpisode(episode({ Outcome: 'escalated', Output: 'handing you to a colleague' }))[0]).toMatchObject({
      text: 'handing you to a colleague',
    });
  });

  it('turns each failed tool call of a successful episode into a failure of its own', () => {
    const records = failuresOfEpisode(episode({ failedTools: [tool({ SpanId: 'a' }), tool({ SpanId: 'b', startMs: 1200 })] }));
    expect(records.map((r) => [r.failureId, r.kind, r.occurredAtMs])).toEqual([
      ['ep1/a', 'tool_error', 1100],
      ['ep1/b', 'tool_error', 1200],
    ]);
  });

  it('adds one failure per safety kind flagged and one per correction, also for a successful episode', () => {
    const records = failuresOfEpisode(
      episode({
        safetyFlags: [
          { EpisodeId: 'ep1', Kind: 'pii', Detail: 'an e-mail address', flaggedMs: '1500' },
          { EpisodeId: 'ep1', Kind: 'pii', Detail: 'a phone number', flaggedMs: '1600' },
        ],
        corrections: [{ CorrectionId: 'c1', EpisodeId: 'ep1', Reason: 'wrong amount', createdMs: '9000' }],
      }),
    );
    expect(records.map((r) => [r.failureId, r.kind, r.errorType, r.text])).toEqual([
      ['ep1/safety/pii', 'safety', 'pii', 'an e-mail address'],
      ['c1', 'correction', '', 'wrong amount'],
    ]);
  });

  it('finds nothing in a successful episode without tool errors, flags or corrections', () => {
    expect(failuresOfEpisode(episode({}))).toEqual([]);
  });
});
