import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { useMemoryTracing } from '../testing/useMemoryTracing.ts';
import { SAMPLE_AGENT, runSampleAgent } from './sampleAgent.ts';

/** What a user would compare between two runs: everything except random ids and times. */
function shape(spans: readonly ReadableSpan[]): unknown[] {
  return spans.map((span) => {
    const { 'gen_ai.tool.call.id': _callId, ...attributes } = span.attributes;
    return { name: span.name, attributes, status: span.status, events: span.events.map((e) => [e.name, e.attributes]) };
  });
}

describe('runSampleAgent', () => {
  const tracing = useMemoryTracing();

  it('sends the requested number of episodes, each with one chat span and one to three tool calls', async () => {
    const result = await runSampleAgent({ episodes: 60, seed: 7 });
    const spans = await tracing.spans();
    const roots = spans.filter((span) => span.name === `invoke_agent ${SAMPLE_AGENT.name}`);
    expect(roots).toHaveLength(60);

    const outcomes = roots.map((root) => root.attributes['trumpets.episode.outcome']);
    expect(new Set(outcomes)).toEqual(new Set(['success', 'failure', 'escalated']));
    expect(result).toEqual({ episodes: 60, failures: outcomes.filter((outcome) => outcome === 'failure').length });

    for (const root of roots) {
      const children = spans.filter((span) => span.parentSpanContext?.spanId === root.spanContext().spanId);
      const chats = children.filter((span) => span.attributes['gen_ai.operation.name'] === 'chat');
      const tools = children.filter((span) => span.attributes['gen_ai.operation.name'] === 'execute_tool');
      expect(chats).toHaveLength(1);
      expect(chats[0]?.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
      expect(chats[0]?.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
      expect(tools.length).toBeGreaterThanOrEqual(1);
      expect(tools.length).toBeLessThanOrEqual(3);
    }
  });

  it('fails with realistic, named tool errors', async () => {
    await runSampleAgent({ episodes: 200, seed: 3 });
    const failedTools = (await tracing.spans()).filter(
      (span) => span.name.startsWith('execute_tool') && span.status.code === SpanStatusCode.ERROR,
    );
    const types = new Set(failedTools.map((span) => span.attributes['error.type']));
    expect(types).toEqual(new Set(['OrderNotFound', 'RefundLimitExceeded', 'CarrierTimeout']));
    const refundLimit = failedTools.find((span) => span.attributes['error.type'] === 'RefundLimitExceeded');
    expect(refundLimit?.status.message).toMatch(/^amount \d+\.\d\d exceeds limit 200\.00 for order ORD-\d{4}$/);
  });

  it('repeats itself for a seed and differs for another', async () => {
    await runSampleAgent({ episodes: 25, seed: 11 });
    const first = shape(await tracing.spans());
    await runSampleAgent({ episodes: 25, seed: 11 });
    const both = shape(await tracing.spans());
    await runSampleAgent({ episodes: 25, seed: 12 });
    const all = shape(await tracing.spans());

    expect(both.slice(first.length)).toEqual(first);
    expect(all.slice(both.length)).not.toEqual(first);
  });
});
