import { SpanKind, trace } from '@opentelemetry/api';
import { withEpisode } from '@trumpets/instrumentation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracedCollector, type TracedCollector } from './tracedCollector.ts';

let collector: TracedCollector;
beforeAll(async () => (collector = await startTracedCollector()));
afterAll(() => collector.close());

/** A span as another instrumentation makes it: its own tracer, its own names, under the active episode. */
function otherSpan(scope: string, name: string, attributes: Record<string, string | number>): void {
  trace.getTracer(scope).startSpan(name, { kind: SpanKind.INTERNAL, attributes }).end();
}

describe('tracer → collector: spans of other GenAI instrumentations inside an episode', () => {
  it('are kept and counted as the tools, LLM calls and sources they are', async () => {
    const episodeId = await collector.traced(() =>
      withEpisode({ agent: 'e2e-interop', workflow: 'research', input: 'what is our refund policy?' }, (episode) => {
        // OpenInference (Arize Phoenix): tool, LLM and retriever spans by `openinference.span.kind`.
        otherSpan('openinference', 'search_kb', {
          'openinference.span.kind': 'TOOL',
          'tool.name': 'search_kb',
          'input.value': '{"q":"refund"}',
        });
        otherSpan('openinference', 'ChatCompletion', {
          'openinference.span.kind': 'LLM',
          'llm.model_name': 'gpt-4o-mini',
          'llm.token_count.prompt': 1000,
          'llm.token_count.completion': 200,
        });
        otherSpan('openinference', 'retrieve', {
          'openinference.span.kind': 'RETRIEVER',
          'retrieval.documents.0.document.id': 'kb-refunds',
          'retrieval.documents.0.document.score': 0.92,
        });
        // OpenLLMetry: a withTool() span, and an LLM span from before `gen_ai.operation.name`.
        otherSpan('traceloop', 'lookup_order.tool', { 'traceloop.span.kind': 'tool', 'traceloop.entity.name': 'lookup_order' });
        otherSpan('traceloop', 'openai.chat', {
          'llm.request.type': 'chat',
          'gen_ai.system': 'openai',
          'gen_ai.request.model': 'gpt-4o',
          'gen_ai.usage.prompt_tokens': 500,
          'gen_ai.usage.completion_tokens': 100,
        });
        // Vercel AI SDK 7: GenAI-convention tool spans.
        otherSpan('ai', 'execute_tool get_weather', {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': 'get_weather',
          'gen_ai.tool.call.id': 'call_1',
        });
        return episode.episodeId;
      }),
    );

    const [episode] = await collector.query<Record<string, unknown>>(
      'SELECT ToolCallCount, LlmCallCount, InputTokens, OutputTokens, CostUsd, SourceCount, SpanCount FROM episodes FINAL WHERE EpisodeId = {id:String}',
      { id: episodeId },
    );
    expect(episode).toMatchObject({
      ToolCallCount: 3,
      LlmCallCount: 2,
      InputTokens: '1500',
      OutputTokens: '300',
      SourceCount: 1,
      SpanCount: 7,
    });
    // gpt-4o-mini 1000 × 0.15 + 200 × 0.60, gpt-4o 500 × 2.50 + 100 × 10.00, per million tokens
    expect(episode?.['CostUsd']).toBeCloseTo((1000 * 0.15 + 200 * 0.6 + 500 * 2.5 + 100 * 10) / 1e6, 12);
    const tools = await collector.query<{ ToolName: string }>(
      'SELECT ToolName FROM tool_calls FINAL WHERE EpisodeId = {id:String} ORDER BY ToolName',
      { id: episodeId },
    );
    expect(tools.map((tool) => tool.ToolName)).toEqual(['get_weather', 'lookup_order', 'search_kb']);
    const sources = await collector.query('SELECT SourceId, Score FROM episode_sources FINAL WHERE EpisodeId = {id:String}', {
      id: episodeId,
    });
    expect(sources).toEqual([{ SourceId: 'kb-refunds', Score: 0.92 }]);
  });
});
