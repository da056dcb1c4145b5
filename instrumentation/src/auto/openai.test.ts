import { SpanStatusCode } from '@opentelemetry/api';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withEpisode } from '../episode.ts';
import { FAKE_LLM, startFakeLlmServer } from '../testing/fakeLlmServer.ts';
import type { FakeLlmServer } from '../testing/fakeLlmServer.ts';
import { useMemoryTracing } from '../testing/useMemoryTracing.ts';

const episode = { agent: 'support-agent', workflow: 'order_status', input: 'Where is ORD-1?' };
const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Where is ORD-1? I am jane@example.com' }] };
const originalCreate = OpenAI.Chat.Completions.prototype.create;

let server: FakeLlmServer;
beforeAll(async () => (server = await startFakeLlmServer()));
afterAll(() => server.close());
const client = () => new OpenAI({ apiKey: 'sk-test', baseURL: server.openaiBaseUrl, maxRetries: 0 });

describe('the openai client, instrumented', () => {
  const tracing = useMemoryTracing({ llmClients: { openai: OpenAI } });
  const chatSpans = async () => (await tracing.spans()).filter((span) => span.attributes['gen_ai.operation.name'] === 'chat');

  it('makes a call a chat span in the episode with model, tokens and finish reason, content redacted', async () => {
    const [reply, episodeId] = await withEpisode(
      episode,
      async (ep) => [await client().chat.completions.create(ask), ep.episodeId] as const,
    );

    expect(reply.choices[0]?.message.content).toBe(FAKE_LLM.reply);
    const [chat, ...others] = await chatSpans();
    expect(others).toEqual([]);
    expect(chat?.spanContext().traceId).toBe(episodeId);
    expect(chat?.attributes).toMatchObject({
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': FAKE_LLM.openai.model,
      'gen_ai.usage.input_tokens': FAKE_LLM.openai.promptTokens,
      'gen_ai.usage.output_tokens': FAKE_LLM.openai.completionTokens,
      'gen_ai.response.finish_reasons': ['stop'],
    });
    expect(chat?.attributes['gen_ai.input.messages']).toContain('I am [REDACTED:email]');
  });

  it("hands back the SDK's own stream, and records the streamed usage and finish reason", async () => {
    const text = await withEpisode(episode, async () => {
      const stream = await client().chat.completions.create({ ...ask, stream: true, stream_options: { include_usage: true } });
      expect(stream.controller).toBeInstanceOf(AbortController);
      expect(typeof stream.toReadableStream).toBe('function');
      let received = '';
      for await (const chunk of stream) received += chunk.choices[0]?.delta.content ?? '';
      return received;
    });

    expect(text).toBe(FAKE_LLM.reply);
    const [chat] = await chatSpans();
    expect(chat?.attributes).toMatchObject({
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': FAKE_LLM.openai.model,
      'gen_ai.usage.input_tokens': FAKE_LLM.openai.promptTokens,
      'gen_ai.usage.output_tokens': FAKE_LLM.openai.completionTokens,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.output.messages': JSON.stringify([
        { role: 'assistant', parts: [{ type: 'text', content: FAKE_LLM.reply }], finish_reason: 'stop' },
      ]),
    });
  });

  it("ends the span when the caller stops reading early, and keeps the SDK's stream helper working", async () => {
    await withEpisode(episode, async () => {
      const stream = await client().chat.completions.create({ ...ask, stream: true });
      for await (const chunk of stream) if (chunk.choices[0]?.delta.content) break;
      const helper = client().chat.completions.stream(ask);
      expect((await helper.finalChatCompletion()).choices[0]?.message.content).toBe(FAKE_LLM.reply);
    });
    const chats = await chatSpans();
    expect(chats).toHaveLength(2);
    expect(chats.every((chat) => chat.ended && chat.attributes['gen_ai.response.model'] === FAKE_LLM.openai.model)).toBe(true);
  });

  it("records a failed call on its span and passes the SDK's error through unchanged", async () => {
    const failing = { ...ask, messages: [{ role: 'user' as const, content: FAKE_LLM.failTrigger }] };
    const [plain, streamed] = await withEpisode(episode, async () => [
      await client()
        .chat.completions.create(failing)
        .catch((error: unknown) => error),
      await client()
        .chat.completions.create({ ...failing, stream: true })
        .catch((error: unknown) => error),
    ]);

    expect(plain).toBeInstanceOf(OpenAI.BadRequestError);
    expect(streamed).toBeInstanceOf(OpenAI.BadRequestError);
    const chats = await chatSpans();
    expect(chats.map((chat) => [chat.status.code, chat.attributes['error.type']])).toEqual([
      [SpanStatusCode.ERROR, 'BadRequestError'],
      [SpanStatusCode.ERROR, 'BadRequestError'],
    ]);
  });
});

describe('the openai client, instrumented with content capture off', () => {
  const tracing = useMemoryTracing({ llmClients: { openai: OpenAI }, captureContent: false });

  it('records the calls without their messages', async () => {
    await withEpisode(episode, async () => {
      await client().chat.completions.create(ask);
      for await (const _ of await client().chat.completions.create({ ...ask, stream: true }));
    });
    const chats = (await tracing.spans()).filter((span) => span.attributes['gen_ai.operation.name'] === 'chat');
    expect(chats).toHaveLength(2);
    for (const chat of chats) {
      expect(chat.attributes).not.toHaveProperty('gen_ai.input.messages');
      expect(chat.attributes).not.toHaveProperty('gen_ai.output.messages');
    }
  });
});

describe('the openai client after shutdown', () => {
  it('is back exactly as it was', () => {
    expect(OpenAI.Chat.Completions.prototype.create).toBe(originalCreate);
  });
});
