import { describe, expect, it } from 'vitest';
import { llmCallOf, roleOf, runNameOf, toolCallOf } from './readSpan.ts';
import { testSpan } from './testSpan.ts';

// Attributes as AI SDK 6.0 writes them (from collector/fixtures/captures/vercel-ai-sdk-6).
const doGenerate = testSpan('g1', 'root', {
  'ai.operationId': 'ai.generateText.doGenerate',
  'ai.telemetry.functionId': 'weather-agent',
  'ai.model.provider': 'openai.chat',
  'ai.model.id': 'gpt-4o-mini',
  'gen_ai.system': 'openai.chat',
  'gen_ai.request.model': 'gpt-4o-mini',
  'ai.response.finishReason': 'tool-calls',
  'ai.response.model': 'gpt-4o-mini-2024-07-18',
  'ai.usage.inputTokens': 95,
  'ai.usage.outputTokens': 9,
  'ai.usage.cachedInputTokens': 16,
  'ai.usage.reasoningTokens': 0,
  'gen_ai.response.finish_reasons': '["tool-calls"]',
});

describe('Vercel AI SDK 6 spans', () => {
  it('reads doGenerate and doStream spans as model calls, with provider, models, usage and one finish-reason spelling', () => {
    expect(roleOf(doGenerate)).toBe('llm');
    expect(llmCallOf(doGenerate)).toEqual({
      provider: 'openai',
      requestModel: 'gpt-4o-mini',
      responseModel: 'gpt-4o-mini-2024-07-18',
      inputTokens: 95,
      outputTokens: 9,
      cacheReadTokens: 16,
      reasoningTokens: 0,
      finishReason: 'tool_call',
      streamed: false,
    });
    const doStream = testSpan('s1', 'root', { 'ai.operationId': 'ai.streamText.doStream', 'ai.model.id': 'gpt-4o-mini' });
    expect(roleOf(doStream)).toBe('llm');
    expect(llmCallOf(doStream)).toMatchObject({ streamed: true, inputTokens: 0, outputTokens: 0 });
  });

  it('does not read the generateText parent, which repeats its calls’ usage as a sum, as a call', () => {
    const parent = testSpan('root', '', { 'ai.operationId': 'ai.generateText', 'ai.usage.inputTokens': 170 });
    expect(roleOf(parent)).toBe('other');
    expect(runNameOf(parent)).toBeUndefined();
    expect(runNameOf(testSpan('root', '', { 'ai.operationId': 'ai.generateText', 'ai.telemetry.functionId': 'weather-agent' }))).toBe(
      'weather-agent',
    );
  });

  it('reads ai.toolCall spans as tool executions', () => {
    const call = testSpan('t1', 'root', {
      'ai.operationId': 'ai.toolCall',
      'ai.toolCall.name': 'get_weather',
      'ai.toolCall.id': 'call_1',
      'ai.toolCall.args': '{"city":"Paris"}',
      'ai.toolCall.result': '{"forecast":"sunny"}',
    });
    expect(roleOf(call)).toBe('tool');
    expect(toolCallOf(call)).toEqual({
      name: 'get_weather',
      callId: 'call_1',
      arguments: '{"city":"Paris"}',
      result: '{"forecast":"sunny"}',
    });
  });

  it('reads AI SDK 7 chat spans, in GenAI names, as streamed when they timed the first chunk', () => {
    const chat = testSpan('c', 'step', {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.usage.input_tokens': 75,
      'gen_ai.client.operation.time_to_first_chunk': 0.18,
    });
    expect(llmCallOf(chat)).toMatchObject({ provider: 'openai', inputTokens: 75, streamed: true });
    expect(llmCallOf(testSpan('c', 'step', { 'gen_ai.operation.name': 'chat' })).streamed).toBe(false);
  });
});
