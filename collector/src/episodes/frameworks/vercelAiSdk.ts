import { VERCEL_AI_SDK } from '@trumpets/protocol/conventions';
import { countAttribute, defined, firstAttribute } from './attributeValues.ts';
import type { FrameworkMapping } from './types.ts';

/** The AI SDK's model-call spans: the only ones whose usage is a call's own (their parents repeat the sums). */
const LLM_OPERATIONS: ReadonlySet<string> = new Set([
  'ai.generateText.doGenerate',
  'ai.streamText.doStream',
  'ai.generateObject.doGenerate',
  'ai.streamObject.doStream',
]);
const STREAMED_OPERATIONS: ReadonlySet<string> = new Set(['ai.streamText.doStream', 'ai.streamObject.doStream']);

/**
 * The Vercel AI SDK 6 with `experimental_telemetry` (`ai.operationId`). AI SDK 7 through
 * `@ai-sdk/otel` uses the GenAI names instead and is read by the semconv mapping.
 */
export const vercelAiSdk: FrameworkMapping = {
  name: 'vercel-ai-sdk',
  role(span) {
    const operation = span.SpanAttributes[VERCEL_AI_SDK.OPERATION_ID];
    if (operation === undefined) return undefined;
    if (LLM_OPERATIONS.has(operation)) return 'llm';
    return operation === 'ai.toolCall' ? 'tool' : 'other';
  },
  runName: (span) => firstAttribute(span, [VERCEL_AI_SDK.FUNCTION_ID]),
  llmCall(span) {
    const operation = span.SpanAttributes[VERCEL_AI_SDK.OPERATION_ID];
    if (operation === undefined || !LLM_OPERATIONS.has(operation)) return undefined;
    const provider = firstAttribute(span, [VERCEL_AI_SDK.MODEL_PROVIDER]);
    return defined({
      provider: provider === undefined ? undefined : providerOf(provider),
      requestModel: firstAttribute(span, [VERCEL_AI_SDK.MODEL_ID]),
      responseModel: firstAttribute(span, [VERCEL_AI_SDK.RESPONSE_MODEL]),
      inputTokens: countAttribute(span, [VERCEL_AI_SDK.USAGE_INPUT_TOKENS, VERCEL_AI_SDK.USAGE_PROMPT_TOKENS]),
      outputTokens: countAttribute(span, [VERCEL_AI_SDK.USAGE_OUTPUT_TOKENS, VERCEL_AI_SDK.USAGE_COMPLETION_TOKENS]),
      cacheReadTokens: countAttribute(span, [VERCEL_AI_SDK.USAGE_CACHED_INPUT_TOKENS]),
      reasoningTokens: countAttribute(span, [VERCEL_AI_SDK.USAGE_REASONING_TOKENS]),
      finishReason: firstAttribute(span, [VERCEL_AI_SDK.RESPONSE_FINISH_REASON]),
      streamed: STREAMED_OPERATIONS.has(operation),
    });
  },
  toolCall: (span) =>
    span.SpanAttributes[VERCEL_AI_SDK.OPERATION_ID] === 'ai.toolCall'
      ? defined({
          name: firstAttribute(span, [VERCEL_AI_SDK.TOOL_CALL_NAME]),
          callId: firstAttribute(span, [VERCEL_AI_SDK.TOOL_CALL_ID]),
          arguments: firstAttribute(span, [VERCEL_AI_SDK.TOOL_CALL_ARGS]),
          result: firstAttribute(span, [VERCEL_AI_SDK.TOOL_CALL_RESULT]),
        })
      : undefined,
  input: (span) => firstAttribute(span, [VERCEL_AI_SDK.PROMPT]),
  output: (span) => firstAttribute(span, [VERCEL_AI_SDK.RESPONSE_TEXT]),
};

/**
 * The provider of an AI SDK model id as the price table knows it: `openai.chat` and
 * `openai.responses` are both OpenAI, `anthropic.messages` is Anthropic.
 */
export function providerOf(aiSdkProvider: string): string {
  const dot = aiSdkProvider.indexOf('.');
  return dot === -1 ? aiSdkProvider : aiSdkProvider.slice(0, dot);
}
