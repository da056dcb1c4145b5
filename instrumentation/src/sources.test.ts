import { describe, expect, it } from 'vitest';
import { withEpisode } from './episode.ts';
import { recordSource } from './sources.ts';
import { spanNamed, useMemoryTracing } from './testing/useMemoryTracing.ts';
import { traceTool } from './tools.ts';

const episode = { agent: 'support-agent', workflow: 'refund', input: 'Refund ORD-1' };

describe('recordSource', () => {
  const tracing = useMemoryTracing();

  it('adds a trumpets.source event to the active span', async () => {
    const checkPolicy = traceTool('check_refund_policy', async () => {
      recordSource({ id: 'policy-refunds-v3', uri: 'https://kb.example.com/refunds', tag: 'policy', score: 0.91 });
    });
    await withEpisode(episode, async () => {
      recordSource({ id: 'ORD-1' });
      await checkPolicy();
    });

    const spans = await tracing.spans();
    const sourceEvents = (name: string) =>
      spanNamed(spans, name)
        .events.filter((event) => event.name === 'trumpets.source')
        .map((event) => event.attributes);
    expect(sourceEvents('execute_tool check_refund_policy')).toEqual([
      {
        'trumpets.source.id': 'policy-refunds-v3',
        'trumpets.source.uri': 'https://kb.example.com/refunds',
        'trumpets.source.tag': 'policy',
        'trumpets.source.score': 0.91,
      },
    ]);
    expect(sourceEvents('invoke_agent support-agent')).toEqual([{ 'trumpets.source.id': 'ORD-1' }]);
  });

  it('does nothing outside any span, and nothing of it reaches a later episode', async () => {
    expect(() => recordSource({ id: 'orphan' })).not.toThrow();
    await withEpisode(episode, () => undefined);

    const spans = await tracing.spans();
    expect(spans.map((span) => span.name)).toEqual(['invoke_agent support-agent']);
    expect(spans[0]?.events).toEqual([]);
  });
});
