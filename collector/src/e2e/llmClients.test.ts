import { withEpisode } from '@trumpets/instrumentation';
import { FAKE_LLM, fakeLlmClients, startFakeLlmServer, type FakeLlmServer } from '@trumpets/instrumentation/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracedCollector, type TracedCollector } from './tracedCollector.ts';

let collector: TracedCollector;
let llm: FakeLlmServer;
beforeAll(async () => {
  collector = await startTracedCollector();
  llm = await startFakeLlmServer();
});
afterAll(async () => {
  await collector.close();
  await llm.close();
});

const question = 'Where is ORD-1?';

describe('tracer → collector: OpenAI and Anthropic client calls', () => {
  it("become chat spans of the episode, with tokens and cost from the collector's price table", async () => {
    const clients = await fakeLlmClients(llm);
    const episodeId = await collector.traced(
      () =>
        withEpisode({ agent: 'e2e-llm', workflow: 'order_status', input: question }, async (episode) => {
          const openai = clients.openai();
          const anthropic = clients.anthropic();
          await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
          const stream = await openai.chat.completions.create({
            model: 'gpt-4o-mini',
            messages: [{ role: 'user', content: question }],
            stream: true,
            stream_options: { include_usage: true },
          });
          for await (const _ of stream);
          await anthropic.messages.create({
            model: 'claude-3-5-haiku-latest',
            max_tokens: 256,
            messages: [{ role: 'user', content: question }],
          });
          for await (const _ of await anthropic.messages.create({
            model: 'claude-3-5-haiku-latest',
            max_tokens: 256,
            messages: [{ role: 'user', content: question }],
            stream: true,
          }));
          return episode.episodeId;
        }),
      { llmClients: clients.modules },
    );

    const { openai, anthropic } = FAKE_LLM;
    const [episode] = await collector.query<Record<string, unknown>>(
      'SELECT LlmCallCount, InputTokens, OutputTokens, CostUsd FROM episodes FINAL WHERE EpisodeId = {id:String}',
      { id: episodeId },
    );
    // Default prices, USD per million tokens: gpt-4o-mini 0.15 / 0.60, claude-3-5-haiku 0.80 / 4.00.
    const expectedCost =
      (2 * (openai.promptTokens * 0.15 + openai.completionTokens * 0.6) + 2 * (anthropic.inputTokens * 0.8 + anthropic.outputTokens * 4)) /
      1e6;
    expect(episode).toMatchObject({
      LlmCallCount: 4,
      InputTokens: String(2 * openai.promptTokens + 2 * anthropic.inputTokens),
      OutputTokens: String(2 * openai.completionTokens + 2 * anthropic.outputTokens),
    });
    expect(episode?.['CostUsd']).toBeCloseTo(expectedCost, 12);

    const chats = await collector.query(
      `SELECT SpanAttributes['gen_ai.provider.name'] AS provider, SpanAttributes['gen_ai.response.model'] AS model,
              SpanAttributes['gen_ai.response.finish_reasons'] AS finishReasons
       FROM spans FINAL WHERE TraceId = {id:String} AND OperationName = 'chat' ORDER BY StartTimeUnixNano`,
      { id: episodeId },
    );
    expect(chats).toEqual([
      { provider: 'openai', model: openai.model, finishReasons: '["stop"]' },
      { provider: 'openai', model: openai.model, finishReasons: '["stop"]' },
      { provider: 'anthropic', model: anthropic.model, finishReasons: '["stop"]' },
      { provider: 'anthropic', model: anthropic.model, finishReasons: '["stop"]' },
    ]);
  });
});
