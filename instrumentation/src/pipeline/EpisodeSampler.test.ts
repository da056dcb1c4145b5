import { trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { recordCorrection } from '../corrections.ts';
import { withEpisode } from '../episode.ts';
import { spanNamed, useMemoryTracing } from '../testing/useMemoryTracing.ts';
import { traceTool } from '../tools.ts';

const refund = { agent: 'support-agent', workflow: 'refund', input: 'Refund ORD-8812 please' };
const lookup = traceTool('lookup_order', async (id: string) => ({ id }));
const correction = { correctedOutput: 'Ask a colleague first.', reason: 'over the limit', author: 'reviewer-7' };

/** The trace ids of the episodes that reached the exporter. */
async function exportedEpisodes(spans: Promise<Array<{ name: string; spanContext(): { traceId: string } }>>): Promise<Set<string>> {
  return new Set((await spans).filter((span) => span.name.startsWith('invoke_agent')).map((span) => span.spanContext().traceId));
}

describe('outcome-aware sampling, keeping no successes', () => {
  const tracing = useMemoryTracing({ sampling: { successRate: 0 } });

  it('drops a successful episode whole and keeps failed and escalated ones whole', async () => {
    const success = await withEpisode(refund, async (episode) => (await lookup('ORD-1'), episode.episodeId));
    let failed = '';
    await withEpisode(refund, async (episode) => {
      failed = episode.episodeId;
      await lookup('ORD-2');
      throw new Error('carrier down');
    }).catch(() => undefined);
    const escalated = await withEpisode(
      refund,
      async (episode) => (await lookup('ORD-3'), episode.escalate('asked for a person'), episode.episodeId),
    );
    const markedFailed = await withEpisode(refund, async (episode) => (episode.setOutcome('failure'), episode.episodeId));

    const spans = await tracing.spans();
    const byTrace = (id: string) =>
      spans
        .filter((span) => span.spanContext().traceId === id)
        .map((span) => span.name)
        .sort();
    expect(byTrace(success)).toEqual([]);
    expect(byTrace(failed)).toEqual(['execute_tool lookup_order', 'invoke_agent support-agent']);
    expect(byTrace(escalated)).toEqual(['execute_tool lookup_order', 'invoke_agent support-agent']);
    expect(byTrace(markedFailed)).toEqual(['invoke_agent support-agent']);
    expect(tracing.handle().stats()).toMatchObject({ sampledOutEpisodes: 1, bufferedSpans: 2, droppedSpans: 0 });
  });

  it('keeps a success that was corrected or flagged while it ran', async () => {
    const corrected = await withEpisode(refund, (episode) => (recordCorrection(episode.episodeId, correction), episode.episodeId));
    const flagged = await withEpisode(refund, (episode) => (episode.flagSafety('prompt_injection'), episode.episodeId));
    expect(await exportedEpisodes(tracing.spans())).toEqual(new Set([corrected, flagged]));
  });

  it('keeps a sampled-out success whole when a correction arrives after it ended', async () => {
    const episodeId = await withEpisode(refund, async (episode) => (await lookup('ORD-1'), episode.episodeId));
    expect(await exportedEpisodes(tracing.spans())).toEqual(new Set());

    recordCorrection(episodeId, correction);
    const spans = await tracing.spans();
    expect(
      spans
        .filter((span) => span.spanContext().traceId === episodeId)
        .map((span) => span.name)
        .sort(),
    ).toEqual(['execute_tool lookup_order', 'invoke_agent support-agent']);
    expect(spanNamed(spans, 'trumpets.correction').attributes['trumpets.correction.episode_id']).toBe(episodeId);
    expect(tracing.handle().stats()).toMatchObject({ sampledOutEpisodes: 0, bufferedSpans: 0 });
  });

  it("lets a tool the agent did not wait for follow its episode's decision", async () => {
    let finishLate!: () => void;
    const late = traceTool('send_survey', () => new Promise<void>((resolve) => (finishLate = resolve)));
    let pending!: Promise<void>;
    const episodeId = await withEpisode(refund, (episode) => {
      pending = late();
      return episode.episodeId;
    });
    finishLate();
    await pending;
    const failed = await withEpisode(refund, (episode) => {
      pending = late();
      episode.setOutcome('failure');
      return episode.episodeId;
    });
    finishLate();
    await pending;

    const spans = await tracing.spans();
    expect(spans.some((span) => span.spanContext().traceId === episodeId)).toBe(false);
    expect(
      spans
        .filter((span) => span.spanContext().traceId === failed)
        .map((span) => span.name)
        .sort(),
    ).toEqual(['execute_tool send_survey', 'invoke_agent support-agent']);
  });

  it('passes spans that belong to no episode straight through', async () => {
    trace.getTracer('host-app').startSpan('GET /health').end();
    expect((await tracing.spans()).map((span) => span.name)).toEqual(['GET /health']);
  });
});

describe('outcome-aware sampling at a rate', () => {
  const tracing = useMemoryTracing({ sampling: { successRate: 0.3 } });

  it('keeps exactly the successes whose trace id falls under the rate, and says the rate on the root', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) ids.push(await withEpisode(refund, (episode) => episode.episodeId));

    const kept = await exportedEpisodes(tracing.spans());
    const expected = ids.filter((id) => Number.parseInt(id.slice(-8), 16) / 2 ** 32 < 0.3);
    expect(kept).toEqual(new Set(expected));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(200);
    for (const span of (await tracing.spans()).filter((s) => s.name.startsWith('invoke_agent'))) {
      expect(span.attributes['trumpets.sampling.success_rate']).toBe(0.3);
    }
  });
});

describe('outcome-aware sampling with a small buffer', () => {
  const tracing = useMemoryTracing({ sampling: { successRate: 0, maxBufferedSpans: 5, holdDroppedEpisodes: 0 } });

  it('drops and counts spans beyond the buffer instead of growing without bound', async () => {
    await withEpisode(refund, async (episode) => {
      for (let i = 0; i < 10; i++) await lookup(`ORD-${i}`);
      episode.setOutcome('failure');
    });

    const spans = await tracing.spans();
    expect(spans.filter((span) => span.name === 'execute_tool lookup_order')).toHaveLength(5);
    expect(tracing.handle().stats()).toMatchObject({ droppedSpans: 5, bufferedSpans: 0, exportedSpans: 6 });
  });
});
