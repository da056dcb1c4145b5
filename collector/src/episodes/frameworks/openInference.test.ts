import { describe, expect, it } from 'vitest';
import { agentNameOf, llmCallOf, roleOf, runNameOf, toolCallOf } from './readSpan.ts';
import { testSpan } from './testSpan.ts';

describe('OpenInference spans (LangChain, LangGraph, OpenAI Agents)', () => {
  it('reads LLM spans with token counts, cache reads, finish reason and whether they streamed', () => {
    const llm = testSpan('l1', 'c1', {
      'openinference.span.kind': 'LLM',
      'llm.system': 'openai',
      'llm.model_name': 'gpt-4o-mini',
      'llm.token_count.prompt': 105,
      'llm.token_count.completion': 9,
      'llm.token_count.prompt_details.cache_read': 16,
      'llm.token_count.completion_details.reasoning': 4,
      'llm.finish_reason': 'tool_calls',
      'llm.invocation_parameters': '{"model":"gpt-4o-mini","stream":true}',
    });
    expect(roleOf(llm)).toBe('llm');
    expect(llmCallOf(llm)).toEqual({
      provider: 'openai',
      requestModel: 'gpt-4o-mini',
      responseModel: '',
      inputTokens: 105,
      outputTokens: 9,
      cacheReadTokens: 16,
      reasoningTokens: 4,
      finishReason: 'tool_call',
      streamed: true,
    });
  });

  it('reads TOOL spans with their input and output as arguments and result', () => {
    const tool = testSpan('t1', 'c1', {
      'openinference.span.kind': 'TOOL',
      'tool.name': 'get_weather',
      'input.value': 'Paris',
      'output.value': 'sunny',
    });
    expect(roleOf(tool)).toBe('tool');
    expect(toolCallOf(tool)).toEqual({ name: 'get_weather', callId: '', arguments: 'Paris', result: 'sunny' });
  });

  it('names agents by agent.name or, for the OpenAI Agents SDK, graph.node.id; a CHAIN root by its span name', () => {
    expect(agentNameOf(testSpan('a1', 'w', { 'openinference.span.kind': 'AGENT', 'graph.node.id': 'Weather Agent' }))).toBe(
      'Weather Agent',
    );
    expect(agentNameOf(testSpan('a1', 'w', { 'openinference.span.kind': 'AGENT', 'agent.name': 'planner' }))).toBe('planner');
    expect(agentNameOf(testSpan('w', '', { 'openinference.span.kind': 'AGENT' }))).toBeUndefined();
    const chain = testSpan('c1', '', { 'openinference.span.kind': 'CHAIN' }, { SpanName: 'weather_agent' });
    expect(roleOf(chain)).toBe('other');
    expect(runNameOf(chain)).toBe('weather_agent');
  });
});
