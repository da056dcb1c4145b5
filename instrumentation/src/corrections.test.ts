import { describe, expect, it } from 'vitest';
import { recordCorrection } from './corrections.ts';
import { withEpisode } from './episode.ts';
import { spanNamed, useMemoryTracing } from './testing/useMemoryTracing.ts';

const refund = { agent: 'support-agent', workflow: 'refund', input: 'Refund ORD-8812 please' };

describe('recordCorrection', () => {
  const tracing = useMemoryTracing();

  it('sends a correction as its own small trace that names the episode', async () => {
    const episodeId = await withEpisode(refund, (episode) => episode.episodeId);
    recordCorrection(episodeId.toUpperCase(), {
      correctedOutput: 'Refunds above 200.00 need approval; I have asked a colleague.',
      reason: 'agent ignored the refund limit; customer jane@example.com complained',
      author: 'reviewer-7',
    });

    const correction = spanNamed(await tracing.spans(), 'trumpets.correction');
    expect(correction.spanContext().traceId).not.toBe(episodeId);
    expect(correction.parentSpanContext).toBeUndefined();
    expect(correction.attributes).toEqual({
      'trumpets.correction.episode_id': episodeId,
      'trumpets.correction.output': 'Refunds above 200.00 need approval; I have asked a colleague.',
      'trumpets.correction.reason': 'agent ignored the refund limit; customer [REDACTED:email] complained',
      'trumpets.correction.author': 'reviewer-7',
    });
    expect(correction.events.map((event) => [event.name, event.attributes])).toEqual([
      [
        'gen_ai.evaluation.result',
        {
          'gen_ai.evaluation.name': 'trumpets.correction',
          'gen_ai.evaluation.explanation': 'agent ignored the refund limit; customer [REDACTED:email] complained',
        },
      ],
    ]);
  });

  it('ignores an id that is not an episode id, warning once however often it happens', async () => {
    const correction = { correctedOutput: 'x', reason: 'y', author: 'z' };
    expect(() => recordCorrection('ORD-8812', correction)).not.toThrow();
    expect(() => recordCorrection(undefined as unknown as string, correction)).not.toThrow();

    expect(await tracing.spans()).toEqual([]);
    expect(tracing.warnings).toHaveLength(1);
    expect(tracing.warnings[0]).toMatch(/ignored a correction for ORD-8812/);
  });
});
