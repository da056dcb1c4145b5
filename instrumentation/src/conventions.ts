/**
 * Every attribute, event and span name Trumpets emits or reads, in one place.
 * OpenTelemetry GenAI semantic conventions first; `trumpets.*` only where those have no name.
 * The collector imports this module (`@trumpets/instrumentation/conventions`), so both sides agree.
 */

/** GenAI semantic conventions (open-telemetry/semantic-conventions-genai, status Development). */
export const GEN_AI = {
  OPERATION_NAME: 'gen_ai.operation.name',
  PROVIDER_NAME: 'gen_ai.provider.name',
  /** Older name for the provider (semconv ≤ 1.36), still emitted by some instrumentations. */
  SYSTEM: 'gen_ai.system',
  AGENT_ID: 'gen_ai.agent.id',
  AGENT_NAME: 'gen_ai.agent.name',
  AGENT_VERSION: 'gen_ai.agent.version',
  WORKFLOW_NAME: 'gen_ai.workflow.name',
  CONVERSATION_ID: 'gen_ai.conversation.id',
  REQUEST_MODEL: 'gen_ai.request.model',
  RESPONSE_MODEL: 'gen_ai.response.model',
  RESPONSE_FINISH_REASONS: 'gen_ai.response.finish_reasons',
  USAGE_INPUT_TOKENS: 'gen_ai.usage.input_tokens',
  USAGE_OUTPUT_TOKENS: 'gen_ai.usage.output_tokens',
  INPUT_MESSAGES: 'gen_ai.input.messages',
  OUTPUT_MESSAGES: 'gen_ai.output.messages',
  TOOL_NAME: 'gen_ai.tool.name',
  TOOL_CALL_ID: 'gen_ai.tool.call.id',
  TOOL_CALL_ARGUMENTS: 'gen_ai.tool.call.arguments',
  TOOL_CALL_RESULT: 'gen_ai.tool.call.result',
  DATA_SOURCE_ID: 'gen_ai.data_source.id',
  RETRIEVAL_DOCUMENTS: 'gen_ai.retrieval.documents',
} as const;

/** Values of `gen_ai.operation.name` we act on. */
export const OPERATION = {
  INVOKE_AGENT: 'invoke_agent',
  EXECUTE_TOOL: 'execute_tool',
  CHAT: 'chat',
  GENERATE_CONTENT: 'generate_content',
  TEXT_COMPLETION: 'text_completion',
  RETRIEVAL: 'retrieval',
} as const;

/** Operations whose spans are LLM calls: token usage is counted on these only (parents may repeat sums). */
export const LLM_OPERATIONS: ReadonlySet<string> = new Set([
  OPERATION.CHAT,
  OPERATION.GENERATE_CONTENT,
  OPERATION.TEXT_COMPLETION,
]);

/** General OpenTelemetry names. */
export const OTEL = {
  ERROR_TYPE: 'error.type',
  EXCEPTION_EVENT: 'exception',
  EXCEPTION_TYPE: 'exception.type',
  EXCEPTION_MESSAGE: 'exception.message',
  SERVICE_NAME: 'service.name',
} as const;

/** Our own names, where the GenAI conventions have none. */
export const TRUMPETS = {
  RELEASE_ID: 'trumpets.release.id',
  EPISODE_OUTCOME: 'trumpets.episode.outcome',
  EPISODE_INPUT: 'trumpets.episode.input',
  EPISODE_OUTPUT: 'trumpets.episode.output',
  SOURCE_EVENT: 'trumpets.source',
  SOURCE_ID: 'trumpets.source.id',
  SOURCE_URI: 'trumpets.source.uri',
  SOURCE_TAG: 'trumpets.source.tag',
  SOURCE_SCORE: 'trumpets.source.score',
  CORRECTION_SPAN: 'trumpets.correction',
  CORRECTION_EPISODE_ID: 'trumpets.correction.episode_id',
  CORRECTION_OUTPUT: 'trumpets.correction.output',
  CORRECTION_REASON: 'trumpets.correction.reason',
  CORRECTION_AUTHOR: 'trumpets.correction.author',
} as const;

/** Episode outcomes, as stored. */
export const OUTCOMES = ['success', 'failure', 'escalated', 'unknown'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** OpenInference names, read so spans from its instrumentations are understood. */
export const OPENINFERENCE = {
  SPAN_KIND: 'openinference.span.kind',
  TOOL_NAME: 'tool.name',
  MODEL_NAME: 'llm.model_name',
  TOKEN_COUNT_PROMPT: 'llm.token_count.prompt',
  TOKEN_COUNT_COMPLETION: 'llm.token_count.completion',
  INPUT_VALUE: 'input.value',
  OUTPUT_VALUE: 'output.value',
} as const;
