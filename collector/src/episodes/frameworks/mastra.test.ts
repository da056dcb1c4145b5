import { describe, expect, it } from 'vitest';
import { agentNameOf, inputOf, llmCallOf, roleOf, toolCallOf } from './readSpan.ts';
import { testSpan } from './testSpan.ts';

// Attributes as @mastra/otel-exporter 1.4 writes them (from collector/fixtures/captures/mastra).
describe('Mastra spans', () => {
  it('reads the agent run, its model inference calls and tool calls; skips generation, step and chunk spans', () => {
    const run = testSpan('r', '', {
      'gen_ai.operation.name': 'invoke_agent',
      'mastra.span.type': 'agent_run',
      'gen_ai.agent.name': 'Weather Agent',
      'mastra.agent_run.input': 'What is the weather in Paris?',
    });
    expect(roleOf(run)).toBe('agent');
    expect(agentNameOf(run)).toBe('Weather Agent');
    expect(inputOf(run)).toBe('What is the weather in Paris?');
    for (const type of ['model_generation', 'model_step', 'model_chunk']) {
      expect(
        roleOf(testSpan('x', 'r', { 'gen_ai.operation.name': type === 'model_step' ? 'agent_step' : type, 'mastra.span.type': type })),
      ).toBe('other');
    }
    const chat = testSpan('c', 'r', {
      'gen_ai.operation.name': 'chat',
      'mastra.span.type': 'model_inference',
      'gen_ai.provider.name': 'openai.chat',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.usage.input_tokens': 85,
      'gen_ai.usage.output_tokens': 18,
      'gen_ai.usage.reasoning_tokens': 3,
      'gen_ai.usage.cache_read.input_tokens': 0,
      'gen_ai.response.finish_reasons': '["tool-calls"]',
    });
    expect(roleOf(chat)).toBe('llm');
    expect(llmCallOf(chat)).toMatchObject({
      provider: 'openai',
      inputTokens: 85,
      outputTokens: 18,
      reasoningTokens: 3,
      finishReason: 'tool_call',
    });
    const tool = testSpan('t', 'c', {
      'gen_ai.operation.name': 'execute_tool',
      'mastra.span.type': 'tool_call',
      'gen_ai.tool.name': 'get_weather',
    });
    expect(roleOf(tool)).toBe('tool');
    expect(toolCallOf(tool).name).toBe('get_weather');
  });

  it('reads the model_generation span as the call when an older core makes it the chat span', () => {
    const generation = testSpan('g', 'r', {
      'gen_ai.operation.name': 'chat',
      'mastra.span.type': 'model_generation',
      'gen_ai.provider.name': 'openai.responses',
      'gen_ai.usage.input_tokens': 85,
    });
    expect(roleOf(generation)).toBe('llm');
    expect(llmCallOf(generation)).toMatchObject({ provider: 'openai', inputTokens: 85 });
  });
});
