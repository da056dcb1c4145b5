import { describe, expect, it } from 'vitest';
import { agentNameOf, llmCallOf, roleOf, runNameOf, toolCallOf } from './readSpan.ts';
import { testSpan } from './testSpan.ts';

describe('OpenLLMetry spans', () => {
  it('reads withAgent, withTool and withWorkflow spans by traceloop.span.kind', () => {
    const agent = testSpan('a', 'w', { 'traceloop.span.kind': 'agent', 'traceloop.entity.name': 'planner' });
    expect([roleOf(agent), agentNameOf(agent)]).toEqual(['agent', 'planner']);
    const tool = testSpan('t', 'a', {
      'traceloop.span.kind': 'tool',
      'traceloop.entity.name': 'search',
      'traceloop.entity.input': '{"q":"refunds"}',
      'traceloop.entity.output': '[]',
    });
    expect(roleOf(tool)).toBe('tool');
    expect(toolCallOf(tool)).toEqual({ name: 'search', callId: '', arguments: '{"q":"refunds"}', result: '[]' });
    const workflow = testSpan('w', '', { 'traceloop.span.kind': 'workflow', 'traceloop.entity.name': 'support_flow' });
    expect([roleOf(workflow), runNameOf(workflow)]).toEqual(['other', 'support_flow']);
  });

  it('reads LLM spans older than gen_ai.operation.name, with their older usage names', () => {
    const chat = testSpan('c', 'a', {
      'llm.request.type': 'chat',
      'gen_ai.system': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.usage.prompt_tokens': 500,
      'gen_ai.usage.completion_tokens': 100,
      'llm.is_streaming': 'true',
    });
    expect(roleOf(chat)).toBe('llm');
    expect(llmCallOf(chat)).toMatchObject({
      provider: 'openai',
      requestModel: 'gpt-4o',
      inputTokens: 500,
      outputTokens: 100,
      streamed: true,
    });
  });
});
