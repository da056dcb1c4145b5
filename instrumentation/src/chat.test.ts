import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { traceChat } from './chat.ts';
import { withEpisode } from './episode.ts';
import { spanNamed, useMemoryTracing } from './testing/useMemoryTracing.ts';

const episode = { agent: 'support-agent', workflow: 'order_status', input: 'Where is ORD-1?' };
const model = { provider: 'openai', model: 'gpt-4o-mini' };

describe('traceChat', () => {
  const tracing = useMemoryTracing();

  it('records a chat span with the token usage the call returned', async () => {
    const reply = await withEpisode(episode, () =>
      traceChat(model, async () => ({ text: 'It shipped.', usage: { inputTokens: 812, outputTokens: 64 } })),
    );

    expect(reply.text).toBe('It shipped.');
    const spans = await tracing.spans();
    const chat = spanNamed(spans, 'chat gpt-4o-mini');
    expect(chat.kind).toBe(SpanKind.CLIENT);
    expect(chat.parentSpanContext?.spanId).toBe(spanNamed(spans, 'invoke_agent support-agent').spanContext().spanId);
    expect(chat.attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': 812,
      'gen_ai.usage.output_tokens': 64,
    });
  });

  it('prefers usage set through the handle over a returned usage field', async () => {
    await traceChat(model, (chat) => {
      chat.setUsage({ inputTokens: 100, outputTokens: 20 });
      return { usage: { inputTokens: 1, outputTokens: 1 } };
    });
    const chat = spanNamed(await tracing.spans(), 'chat gpt-4o-mini');
    expect(chat.attributes['gen_ai.usage.input_tokens']).toBe(100);
    expect(chat.attributes['gen_ai.usage.output_tokens']).toBe(20);
  });

  it('leaves out counts that are missing or not counts rather than storing zeros', async () => {
    await traceChat(model, () => ({ usage: { inputTokens: -3, outputTokens: '64' } }));
    await traceChat(model, () => 'no usage here');
    for (const chat of (await tracing.spans()).filter((span) => span.name === 'chat gpt-4o-mini')) {
      expect(chat.attributes).not.toHaveProperty('gen_ai.usage.input_tokens');
      expect(chat.attributes).not.toHaveProperty('gen_ai.usage.output_tokens');
    }
  });

  it('records a failed call and re-throws the same error', async () => {
    const error = new TypeError('fetch failed');
    await expect(
      traceChat(model, async () => {
        throw error;
      }),
    ).rejects.toBe(error);
    const chat = spanNamed(await tracing.spans(), 'chat gpt-4o-mini');
    expect(chat.status.code).toBe(SpanStatusCode.ERROR);
    expect(chat.attributes['error.type']).toBe('TypeError');
  });
});
