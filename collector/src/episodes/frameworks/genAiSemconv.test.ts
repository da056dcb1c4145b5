import { describe, expect, it } from 'vitest';
import { normaliseFinishReason } from './finishReason.ts';
import { agentNameOf, llmCallOf, roleOf, toolCallOf } from './readSpan.ts';
import { testSpan } from './testSpan.ts';

describe('GenAI semantic-convention spans', () => {
  it('reads agents, tools, retrievals and chat calls by gen_ai.operation.name', () => {
    expect(roleOf(testSpan('a', '', { 'gen_ai.operation.name': 'invoke_agent' }))).toBe('agent');
    expect(roleOf(testSpan('t', 'a', { 'gen_ai.operation.name': 'execute_tool' }))).toBe('tool');
    expect(roleOf(testSpan('r', 'a', { 'gen_ai.operation.name': 'retrieval' }))).toBe('retrieval');
    expect(roleOf(testSpan('e', 'a', { 'gen_ai.operation.name': 'embeddings' }))).toBe('other');
    const chat = testSpan('c', 'a', {
      'gen_ai.operation.name': 'chat',
      'gen_ai.system': 'anthropic',
      'gen_ai.request.model': 'claude-sonnet-4',
      'gen_ai.usage.input_tokens': 1200,
      'gen_ai.usage.output_tokens': 80,
      'gen_ai.usage.cache_read.input_tokens': 1000,
      'gen_ai.usage.reasoning.output_tokens': 40,
      'gen_ai.response.finish_reasons': '["end_turn"]',
    });
    expect(roleOf(chat)).toBe('llm');
    expect(llmCallOf(chat)).toEqual({
      provider: 'anthropic',
      requestModel: 'claude-sonnet-4',
      responseModel: '',
      inputTokens: 1200,
      outputTokens: 80,
      cacheReadTokens: 1000,
      reasoningTokens: 40,
      finishReason: 'stop',
      streamed: false,
    });
    expect(agentNameOf(testSpan('a', '', { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'support' }))).toBe('support');
    expect(toolCallOf(testSpan('t', 'a', { 'gen_ai.operation.name': 'execute_tool' }, { SpanName: 'execute_tool lookup' })).name).toBe(
      'execute_tool lookup',
    );
  });

  it('reads token counts that are not counts as absent', () => {
    const call = llmCallOf(
      testSpan('c', '', { 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': '-5', 'gen_ai.usage.output_tokens': 'NaN' }),
    );
    expect([call.inputTokens, call.outputTokens]).toEqual([0, 0]);
  });

  it('spells finish reasons one way', () => {
    expect(['tool_calls', 'tool-calls', 'tool_call', 'tool_use', '["tool-calls"]'].map(normaliseFinishReason)).toEqual(
      Array(5).fill('tool_call'),
    );
    expect(['stop', 'end_turn', 'STOP', 'max_tokens', 'length', 'content-filter', 'other', '[]', ''].map(normaliseFinishReason)).toEqual([
      'stop',
      'stop',
      'stop',
      'length',
      'length',
      'content_filter',
      'other',
      '',
      '',
    ]);
  });
});
