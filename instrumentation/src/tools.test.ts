import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { withEpisode } from './episode.ts';
import { spanNamed, useMemoryTracing } from './testing/useMemoryTracing.ts';
import { traceTool, traceTools } from './tools.ts';

class OrderNotFound extends Error {}

const episode = { agent: 'support-agent', workflow: 'order_status', input: 'Where is ORD-1?' };

describe('traceTool', () => {
  const tracing = useMemoryTracing();

  it('runs each call in an execute_tool span with its own call id, passing arguments and result through', async () => {
    const lookup = traceTool('lookup_order', async (id: string, verbose: boolean) => ({ id, verbose }));
    const results = await withEpisode(episode, async () => [await lookup('ORD-1', true), await lookup('ORD-2', false)]);

    expect(results).toEqual([
      { id: 'ORD-1', verbose: true },
      { id: 'ORD-2', verbose: false },
    ]);
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
    const lookup = traceTool('lookup_order', (_id: string): string => {
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

describe('traceTool options and traceTools', () => {
  const tracing = useMemoryTracing();

  it("records arguments and result only when asked, redacted, with the model's call id when given", async () => {
    const lookup = traceTool('lookup_customer', async (email: string, _callId: string) => ({ email, tier: 'gold' }), {
      captureArguments: true,
      captureResult: true,
      description: 'Finds a customer by e-mail',
      callId: (_email, callId) => callId,
    });
    const quiet = traceTool('lookup_order', async (id: string) => ({ id }));
    await withEpisode(episode, async () => {
      await lookup('jane@example.com', 'call_abc123');
      await quiet('ORD-1');
    });

    const spans = await tracing.spans();
    expect(spanNamed(spans, 'execute_tool lookup_customer').attributes).toEqual({
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'lookup_customer',
      'gen_ai.tool.call.id': 'call_abc123',
      'gen_ai.tool.description': 'Finds a customer by e-mail',
      'gen_ai.tool.call.arguments': '["[REDACTED:email]","call_abc123"]',
      'gen_ai.tool.call.result': '{"email":"[REDACTED:email]","tier":"gold"}',
    });
    expect(spanNamed(spans, 'execute_tool lookup_order').attributes).not.toHaveProperty('gen_ai.tool.call.arguments');
  });

  it("wraps a whole set of tools by name, keeping each one's behaviour", async () => {
    const tools = traceTools(
      {
        lookupOrder: async (id: string) => ({ id, status: 'shipped' }),
        refund: (amount: number) => {
          if (amount > 200) throw new RangeError(`amount ${amount} exceeds limit`);
          return 'RF-1';
        },
      },
      { captureArguments: true },
    );
    const results = await withEpisode(episode, async () => [
      await tools.lookupOrder('ORD-1'),
      await tools.refund(20),
      await tools.refund(500).catch((e: Error) => e.message),
    ]);

    expect(results).toEqual([{ id: 'ORD-1', status: 'shipped' }, 'RF-1', 'amount 500 exceeds limit']);
    const spans = await tracing.spans();
    expect(
      spans
        .filter((span) => span.name.startsWith('execute_tool'))
        .map((span) => [span.name, span.attributes['gen_ai.tool.call.arguments'], span.attributes['error.type']]),
    ).toEqual([
      ['execute_tool lookupOrder', 'ORD-1', undefined],
      ['execute_tool refund', '20', undefined],
      ['execute_tool refund', '500', 'RangeError'],
    ]);
  });
});

describe('traceTool with content capture off', () => {
  const tracing = useMemoryTracing({ captureContent: false });

  it('records neither arguments nor result, even when the tool asks for them', async () => {
    const lookup = traceTool('lookup_order', async (id: string) => ({ id }), { captureArguments: true, captureResult: true });
    await withEpisode(episode, () => lookup('ORD-1'));
    const tool = spanNamed(await tracing.spans(), 'execute_tool lookup_order');
    expect(Object.keys(tool.attributes).sort()).toEqual(['gen_ai.operation.name', 'gen_ai.tool.call.id', 'gen_ai.tool.name']);
  });
});
