import { OPENINFERENCE } from '@trumpets/protocol/conventions';
import { countAttribute, defined, firstAttribute } from './attributeValues.ts';
import type { FrameworkMapping, SpanRole } from './types.ts';

const ROLES: Record<string, SpanRole> = {
  AGENT: 'agent',
  TOOL: 'tool',
  LLM: 'llm',
  RETRIEVER: 'retrieval',
};

/** Spans that name a run: a chain or graph, or an agent (the OpenAI Agents SDK's workflow root). */
const RUN_KINDS: ReadonlySet<string> = new Set(['CHAIN', 'AGENT']);
const STREAMED = /"stream"\s*:\s*true/;

/**
 * OpenInference (`openinference.span.kind`): LangChain and LangGraph JS (a run's root is a CHAIN
 * span named after the graph or chain), the OpenAI Agents SDK (an AGENT root named after the
 * workflow, the agent one level down with `graph.node.id`), and its OpenAI client instrumentation.
 */
export const openInference: FrameworkMapping = {
  name: 'openinference',
  role(span) {
    const kind = span.SpanAttributes[OPENINFERENCE.SPAN_KIND];
    return kind === undefined ? undefined : (ROLES[kind] ?? 'other');
  },
  agentName(span) {
    if (span.SpanAttributes[OPENINFERENCE.SPAN_KIND] !== 'AGENT') return firstAttribute(span, [OPENINFERENCE.AGENT_NAME]);
    return firstAttribute(span, [OPENINFERENCE.AGENT_NAME, OPENINFERENCE.GRAPH_NODE_ID]);
  },
  runName: (span) => (RUN_KINDS.has(span.SpanAttributes[OPENINFERENCE.SPAN_KIND] ?? '') ? span.SpanName : undefined),
  llmCall(span) {
    if (span.SpanAttributes[OPENINFERENCE.SPAN_KIND] !== 'LLM') return undefined;
    const parameters = span.SpanAttributes[OPENINFERENCE.INVOCATION_PARAMETERS];
    return defined({
      provider: firstAttribute(span, [OPENINFERENCE.PROVIDER, OPENINFERENCE.SYSTEM]),
      requestModel: firstAttribute(span, [OPENINFERENCE.MODEL_NAME]),
      inputTokens: countAttribute(span, [OPENINFERENCE.TOKEN_COUNT_PROMPT]),
      outputTokens: countAttribute(span, [OPENINFERENCE.TOKEN_COUNT_COMPLETION]),
      cacheReadTokens: countAttribute(span, [OPENINFERENCE.TOKEN_COUNT_CACHE_READ]),
      reasoningTokens: countAttribute(span, [OPENINFERENCE.TOKEN_COUNT_REASONING]),
      finishReason: firstAttribute(span, [OPENINFERENCE.FINISH_REASON]),
      streamed: parameters === undefined ? undefined : STREAMED.test(parameters),
    });
  },
  toolCall(span) {
    if (span.SpanAttributes[OPENINFERENCE.SPAN_KIND] !== 'TOOL') return undefined;
    return defined({
      name: firstAttribute(span, [OPENINFERENCE.TOOL_NAME]),
      callId: firstAttribute(span, [OPENINFERENCE.TOOL_CALL_ID]),
      arguments: firstAttribute(span, [OPENINFERENCE.INPUT_VALUE]),
      result: firstAttribute(span, [OPENINFERENCE.OUTPUT_VALUE]),
    });
  },
  input: (span) => firstAttribute(span, [OPENINFERENCE.INPUT_VALUE]),
  output: (span) => firstAttribute(span, [OPENINFERENCE.OUTPUT_VALUE]),
};
