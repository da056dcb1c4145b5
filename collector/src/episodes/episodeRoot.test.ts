import { describe, expect, it } from 'vitest';
import { assembleTrace } from './assembleTrace.ts';
import { testSpan } from './frameworks/testSpan.ts';

const options = { maxTextChars: 100 };
const later = { StartTimeUnixNano: '1764547200100000000' };

describe('an episode for every agent trace', () => {
  it('makes a trace with no agent span an episode rooted at its root span when it holds LLM work (AI SDK 6)', () => {
    const spans = [
      testSpan('call', 'root', { 'ai.operationId': 'ai.generateText.doGenerate', 'ai.usage.inputTokens': 75, 'ai.usage.outputTokens': 18 }),
      testSpan('tool', 'root', { 'ai.operationId': 'ai.toolCall', 'ai.toolCall.name': 'get_weather' }),
      testSpan('root', '', {
        'ai.operationId': 'ai.generateText',
        'ai.telemetry.functionId': 'weather-agent',
        'ai.usage.inputTokens': 75,
        'ai.usage.outputTokens': 18,
        'ai.prompt': '{"prompt":"What is the weather in Paris?"}',
      }),
    ];
    const { episode, toolCalls } = assembleTrace(spans, options);
    expect(episode).toMatchObject({
      RootSpanId: 'root',
      Agent: 'weather-agent',
      LlmCallCount: 1,
      InputTokens: 75,
      OutputTokens: 18,
      ToolCallCount: 1,
      Input: '{"prompt":"What is the weather in Paris?"}',
    });
    expect(toolCalls.map((call) => [call.SpanId, call.ToolName, call.Agent])).toEqual([['tool', 'get_weather', 'weather-agent']]);
  });

  it('names a LangGraph run by its root chain, and an unnamed trace by its service', () => {
    const graph = [
      testSpan('root', '', { 'openinference.span.kind': 'CHAIN' }, { SpanName: 'weather_agent' }),
      testSpan('llm', 'root', { 'openinference.span.kind': 'LLM', 'llm.token_count.prompt': 50 }, later),
    ];
    expect(assembleTrace(graph, options).episode).toMatchObject({ RootSpanId: 'root', Agent: 'weather_agent', InputTokens: 50 });
    const unnamed = [
      testSpan('root', '', {}, { SpanName: 'POST /chat' }),
      testSpan('llm', 'root', { 'gen_ai.operation.name': 'chat' }, later),
    ];
    expect(assembleTrace(unnamed, options).episode).toMatchObject({ RootSpanId: 'root', Agent: 'weather-app' });
  });

  it('names an OpenAI Agents run by the agent one level below its workflow root, and the workflow by the root', () => {
    const spans = [
      testSpan('workflow', '', { 'openinference.span.kind': 'AGENT', 'llm.system': 'openai' }, { SpanName: 'Agent workflow' }),
      testSpan('chain', 'workflow', { 'openinference.span.kind': 'CHAIN' }, { SpanName: 'Agent workflow', ...later }),
      testSpan('agent', 'chain', { 'openinference.span.kind': 'AGENT', 'graph.node.id': 'Weather Agent' }, later),
      testSpan('llm', 'agent', { 'openinference.span.kind': 'LLM', 'llm.token_count.prompt': 85 }, later),
    ];
    expect(assembleTrace(spans, options).episode).toMatchObject({
      RootSpanId: 'workflow',
      Agent: 'Weather Agent',
      Workflow: 'Agent workflow',
    });
  });

  it('does not make a trace without LLM or tool work an episode (a plain HTTP request)', () => {
    const spans = [testSpan('root', '', { 'http.request.method': 'GET' }), testSpan('db', 'root', { 'db.system': 'postgresql' })];
    expect(assembleTrace(spans, options).episode).toBeUndefined();
  });

  it('waits for a late root, then gives the one episode of the whole trace', () => {
    const children = [
      testSpan('llm', 'root', { 'openinference.span.kind': 'LLM', 'llm.token_count.prompt': 50 }, later),
      testSpan('tool', 'root', { 'openinference.span.kind': 'TOOL', 'tool.name': 'get_weather' }, later),
    ];
    expect(assembleTrace(children, options).episode).toBeUndefined();
    const root = testSpan('root', '', { 'openinference.span.kind': 'CHAIN' }, { SpanName: 'RunnableSequence' });
    const { episode } = assembleTrace([...children, root], options);
    expect(episode).toMatchObject({ EpisodeId: 'f'.repeat(32), RootSpanId: 'root', LlmCallCount: 1, ToolCallCount: 1, SpanCount: 3 });
  });

  it('prefers the outermost agent span to the trace root when there is one', () => {
    const spans = [
      testSpan('http', '', { 'http.request.method': 'POST' }),
      testSpan('agent', 'http', { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'support' }, later),
      testSpan('sub', 'agent', { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'refunds' }, later),
      testSpan('llm', 'sub', { 'gen_ai.operation.name': 'chat' }, later),
    ];
    expect(assembleTrace(spans, options).episode).toMatchObject({ RootSpanId: 'agent', Agent: 'support' });
  });

  it('roots agents that run side by side (a crew) at the trace root, named after the first of them', () => {
    const spans = [
      testSpan('crew', '', { 'openinference.span.kind': 'CHAIN' }, { SpanName: 'Crew.kickoff' }),
      testSpan('researcher', 'crew', { 'openinference.span.kind': 'AGENT', 'agent.name': 'researcher' }, later),
      testSpan(
        'writer',
        'crew',
        { 'openinference.span.kind': 'AGENT', 'agent.name': 'writer' },
        { StartTimeUnixNano: '1764547200200000000' },
      ),
      testSpan('llm', 'writer', { 'openinference.span.kind': 'LLM' }, later),
    ];
    expect(assembleTrace(spans, options).episode).toMatchObject({ RootSpanId: 'crew', Agent: 'researcher', LlmCallCount: 1 });
  });

  it('names a run by the outermost framework span below a root of the user’s own (AI SDK calls in a request span)', () => {
    const spans = [
      testSpan('request', '', { 'http.request.method': 'POST' }, { SpanName: 'POST /weather' }),
      testSpan('generate', 'request', { 'ai.operationId': 'ai.generateText', 'ai.telemetry.functionId': 'weather-agent' }, later),
      testSpan('call', 'generate', { 'ai.operationId': 'ai.generateText.doGenerate', 'ai.telemetry.functionId': 'weather-agent' }, later),
    ];
    expect(assembleTrace(spans, options).episode).toMatchObject({ RootSpanId: 'request', Agent: 'weather-agent', LlmCallCount: 1 });
  });
});
