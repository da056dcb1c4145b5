import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { withEpisode } from './episode.ts';
import { spanNamed, useMemoryTracing } from './testing/useMemoryTracing.ts';
import { traceTool } from './tools.ts';

class OrderNotFound extends Error {}

const episode = { agent: 'support-agent', workflow: 'order_status', input: 'Where is ORD-1?' };

describe('traceTool', () => {
  const tracing = useMemoryTracing();

  it('runs each call in an execute_tool span with its own call id, passing arguments and result through', async () => {
    const lookup = traceTool('lookup_order', async (id: string, verbose: boolean) => ({ id, verbose }));
    const results = await withEpisode(episode, async () => [await lookup('ORD-1', true), await lookup('ORD-2', false)]);

    expect(results).toEqual([{ id: 'ORD-1', verbose: true }, { id: 'ORD-2', verbose: false }]);
    const spans = await tracing.spans();
    const root = spanNamed(spans, 'invoke_agent support-agent');
    const tools = spans.filter((span) => span.name === 'execute_tool lookup_order');
    expect(tools).toHaveLength(2);
    for (const tool of tools) {
      expect(tool.kind).toBe(SpanKind.INTERNAL);
      expect(tool.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
      expect(tool.status.code).toBe(SpanStatusCode.UNSET);
      expect(tool.attributes).toEqual({
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'lookup_order',
        'gen_ai.tool.call.id': expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
    }
    expect(tools[0]?.attributes['gen_ai.tool.call.id']).not.toBe(tools[1]?.attributes['gen_ai.tool.call.id']);
  });

  it('keeps `this` for tools that are methods', async () => {
    const desk = {
      prefix: 'ORD-',
      lookup: traceTool('lookup_order', async function (this: unknown, n: number) {
        return `${(this as { prefix: string }).prefix}${n}`;
      }),
    };
    await expect(desk.lookup(7)).resolves.toBe('ORD-7');
  });

  it('records a failing call on its span and re-throws the same error, leaving the episode to decide', async () => {
    const error = new OrderNotFound('no order ORD-4411 for customer C-1029');
    const lookup = traceTool('lookup_order', (id: string): string => {
      throw error;
    });
    const caught = await withEpisode(episode, async () => lookup('ORD-4411').catch((thrown: unknown) => thrown));

    expect(caught).toBe(error);
    const spans = await tracing.spans();
    const tool = spanNamed(spans, 'execute_tool lookup_order');
    expect(tool.status).toEqual({ code: SpanStatusCode.ERROR, message: error.message });
    expect(tool.attributes['error.type']).toBe('OrderNotFound');
    expect(tool.events.map((event) => event.attributes?.['exception.type'])).toEqual(['OrderNotFound']);
    // The agent handled it: the episode itself did not fail.
    expect(spanNamed(spans, 'invoke_agent support-agent').attributes['trumpets.episode.outcome']).toBe('success');
  });
});
