import { GEN_AI, LLM_OPERATIONS, OPERATION, VERCEL_AI_SDK } from '@trumpets/protocol/conventions';
import { countAttribute, defined, firstAttribute } from './attributeValues.ts';
import type { FrameworkMapping, SpanRole } from './types.ts';

const ROLES: Record<string, SpanRole> = {
  [OPERATION.INVOKE_AGENT]: 'agent',
  [OPERATION.EXECUTE_TOOL]: 'tool',
  [OPERATION.RETRIEVAL]: 'retrieval',
};

/**
 * The OpenTelemetry GenAI conventions (`gen_ai.operation.name` and friends): our tracer, OpenLLMetry's
 * newest spans, AI SDK 7 (`@ai-sdk/otel`), Mastra's exporter, and the OTel contrib and Elastic
 * instrumentations (semconv 1.36: `gen_ai.system`).
 */
export const genAiSemconv: FrameworkMapping = {
  name: 'gen_ai',
  role(span) {
    const operation = span.SpanAttributes[GEN_AI.OPERATION_NAME];
    if (operation === undefined) return undefined;
    return ROLES[operation] ?? (LLM_OPERATIONS.has(operation) ? 'llm' : undefined);
  },
  agentName: (span) => firstAttribute(span, [GEN_AI.AGENT_NAME]),
  llmCall: (span) =>
    defined({
      provider: firstAttribute(span, [GEN_AI.PROVIDER_NAME, GEN_AI.SYSTEM]),
      requestModel: firstAttribute(span, [GEN_AI.REQUEST_MODEL]),
      responseModel: firstAttribute(span, [GEN_AI.RESPONSE_MODEL]),
      inputTokens: countAttribute(span, [GEN_AI.USAGE_INPUT_TOKENS]),
      outputTokens: countAttribute(span, [GEN_AI.USAGE_OUTPUT_TOKENS]),
      cacheReadTokens: countAttribute(span, [GEN_AI.USAGE_CACHE_READ_INPUT_TOKENS]),
      reasoningTokens: countAttribute(span, [GEN_AI.USAGE_REASONING_OUTPUT_TOKENS]),
      finishReason: firstAttribute(span, [GEN_AI.RESPONSE_FINISH_REASONS]),
      streamed: span.SpanAttributes[VERCEL_AI_SDK.TIME_TO_FIRST_CHUNK] === undefined ? undefined : true,
    }),
  toolCall: (span) =>
    defined({
      name: firstAttribute(span, [GEN_AI.TOOL_NAME]),
      callId: firstAttribute(span, [GEN_AI.TOOL_CALL_ID]),
      arguments: firstAttribute(span, [GEN_AI.TOOL_CALL_ARGUMENTS]),
      result: firstAttribute(span, [GEN_AI.TOOL_CALL_RESULT]),
    }),
  input: (span) => firstAttribute(span, [GEN_AI.INPUT_MESSAGES]),
  output: (span) => firstAttribute(span, [GEN_AI.OUTPUT_MESSAGES]),
};
