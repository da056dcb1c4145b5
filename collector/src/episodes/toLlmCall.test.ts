import { describe, expect, it } from 'vitest';
import { assembleTrace } from './assembleTrace.ts';
import { testSpan } from './frameworks/testSpan.ts';

describe('llm_calls rows', () => {
  it('gives one row per model call, and the episode the sums of its rows, not of the parents that repeat them', () => {
    const spans = [
      testSpan('root', '', { 'ai.operationId': 'ai.streamText', 'ai.usage.inputTokens': 1_170, 'ai.usage.outputTokens': 227 }),
      testSpan('first', 'root', {
        'ai.operationId': 'ai.streamText.doStream',
        'ai.model.provider': 'openai.chat',
        'ai.model.id': 'gpt-4o',
        'ai.response.model': 'gpt-4o-2024-08-06',
        'ai.usage.inputTokens': 1_000,
        'ai.usage.outputTokens': 200,
        'ai.usage.cachedInputTokens': 800,
        'ai.response.finishReason': 'tool-calls',
      }),
      testSpan(
        'second',
        'root',
        {
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': 'gpt-4o-mini',
          'gen_ai.usage.input_tokens': 170,
          'gen_ai.usage.output_tokens': 27,
        },
        { StatusCode: 'ERROR', EndTimeUnixNano: '1764547200100000000' },
      ),
      testSpan('unpriced', 'root', { 'openinference.span.kind': 'LLM', 'llm.model_name': 'my-finetune', 'llm.finish_reason': 'length' }),
    ];
    const { episode, llmCalls } = assembleTrace(spans, { maxTextChars: 100 });
    expect(
      llmCalls.map((call) => [call.SpanId, call.Provider, call.RequestModel, call.ResponseModel, call.FinishReason, call.Streamed]),
    ).toEqual([
      ['first', 'openai', 'gpt-4o', 'gpt-4o-2024-08-06', 'tool_call', true],
      ['second', '', 'gpt-4o-mini', '', '', false],
      ['unpriced', '', 'my-finetune', '', 'length', false],
    ]);
    expect(llmCalls[0]).toMatchObject({
      EpisodeId: 'f'.repeat(32),
      InputTokens: 1_000,
      OutputTokens: 200,
      CacheReadTokens: 800,
      LatencyMs: 250,
    });
    expect(llmCalls[1]).toMatchObject({ StatusCode: 'ERROR', LatencyMs: 100 });
    // gpt-4o at 2.50 / 10.00, gpt-4o-mini at 0.15 / 0.60 per million tokens; my-finetune unpriced
    expect(llmCalls.map((call) => call.CostUsd)).toEqual([(1_000 * 2.5 + 200 * 10) / 1e6, (170 * 0.15 + 27 * 0.6) / 1e6, 0]);
    expect(episode).toMatchObject({ LlmCallCount: 3, InputTokens: 1_170, OutputTokens: 227 });
    expect(episode?.CostUsd).toBeCloseTo(
      llmCalls.reduce((sum, call) => sum + call.CostUsd, 0),
      15,
    );
  });

  it('writes no rows for a trace that is not an episode yet', () => {
    const orphan = testSpan('call', 'missing-root', { 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': 5 });
    expect(assembleTrace([orphan], { maxTextChars: 100 }).llmCalls).toEqual([]);
  });
});
