import { SpanStatusCode } from '@opentelemetry/api';
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withEpisode } from '../episode.ts';
import { FAKE_LLM, startFakeLlmServer } from '../testing/fakeLlmServer.ts';
import type { FakeLlmServer } from '../testing/fakeLlmServer.ts';
import { useMemoryTracing } from '../testing/useMemoryTracing.ts';

const episode = { agent: 'support-agent', workflow: 'order_status', input: 'Where is ORD-1?' };
const ask = { model: 'claude-3-5-haiku-latest', max_tokens: 256, messages: [{ role: 'user' as const, content: 'Where is ORD-1?' }] };
const originalCreate = Anthropic.Messages.prototype.create;

let server: FakeLlmServer;
beforeAll(async () => (server = await startFakeLlmServer()));
afterAll(() => server.close());

describe('the anthropic client, instrumented', () => {
  const tracing = useMemoryTracing({ llmClients: { anthropic: Anthropic } });

  it('traces itself (so nothing is patched), and its calls land in the episode with tokens and finish reason', async () => {
    expect(Anthropic.Messages.prototype.create).toBe(originalCreate);
    const client = new Anthropic({ apiKey: 'test', baseURL: server.anthropicBaseUrl, maxRetries: 0 });
    const [texts, episodeId] = await withEpisode(episode, async (ep) => {
      const message = await client.messages.create(ask);
      let streamed = '';
      for await (const event of await client.messages.create({ ...ask, stream: true })) {
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') streamed += event.delta.text;
      }
      const failed = await client.messages
        .create({ ...ask, messages: [{ role: 'user', content: FAKE_LLM.failTrigger }] })
        .catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(Anthropic.BadRequestError);
      return [[message.content[0]?.type === 'text' ? message.content[0].text : '', streamed], ep.episodeId] as const;
    });

    expect(texts).toEqual([FAKE_LLM.reply, FAKE_LLM.reply]);
    const chats = (await tracing.spans()).filter((span) => span.attributes['gen_ai.operation.name'] === 'chat');
    expect(chats).toHaveLength(3);
    expect(chats.every((chat) => chat.spanContext().traceId === episodeId)).toBe(true);
    for (const chat of chats.slice(0, 2)) {
      expect(chat.attributes).toMatchObject({
        'gen_ai.provider.name': 'anthropic',
        'gen_ai.request.model': ask.model,
        'gen_ai.response.model': FAKE_LLM.anthropic.model,
        'gen_ai.usage.input_tokens': FAKE_LLM.anthropic.inputTokens,
        'gen_ai.usage.output_tokens': FAKE_LLM.anthropic.outputTokens,
        'gen_ai.response.finish_reasons': ['stop'],
      });
    }
    expect(chats[2]?.status.code).toBe(SpanStatusCode.ERROR);
  });
});
