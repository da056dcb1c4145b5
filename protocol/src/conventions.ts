/**
 * Every attribute, event and span name Trumpets emits or reads, in one place.
 * OpenTelemetry GenAI semantic conventions first; `trumpets.*` only where those have no name.
 * The tracer and the collector both import this module (`@trumpets/protocol/conventions`), so both sides agree.
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
  TOOL_DESCRIPTION: 'gen_ai.tool.description',
  DATA_SOURCE_ID: 'gen_ai.data_source.id',
  RETRIEVAL_DOCUMENTS: 'gen_ai.retrieval.documents',
  SYSTEM_INSTRUCTIONS: 'gen_ai.system_instructions',
  USAGE_CACHE_READ_INPUT_TOKENS: 'gen_ai.usage.cache_read.input_tokens',
  USAGE_REASONING_OUTPUT_TOKENS: 'gen_ai.usage.reasoning.output_tokens',
  /** Event recording one evaluation of the episode: a score, a label, an explanation. */
  EVALUATION_RESULT_EVENT: 'gen_ai.evaluation.result',
  EVALUATION_NAME: 'gen_ai.evaluation.name',
  EVALUATION_SCORE_VALUE: 'gen_ai.evaluation.score.value',
  EVALUATION_SCORE_LABEL: 'gen_ai.evaluation.score.label',
  EVALUATION_EXPLANATION: 'gen_ai.evaluation.explanation',
} as const;

/** Values of `gen_ai.response.finish_reasons`, as the conventions spell them. */
export const FINISH_REASON = {
  STOP: 'stop',
  LENGTH: 'length',
  TOOL_CALL: 'tool_call',
  CONTENT_FILTER: 'content_filter',
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
export const LLM_OPERATIONS: ReadonlySet<string> = new Set([OPERATION.CHAT, OPERATION.GENERATE_CONTENT, OPERATION.TEXT_COMPLETION]);

/** General OpenTelemetry names. */
export const OTEL = {
  ERROR_TYPE: 'error.type',
  EXCEPTION_EVENT: 'exception',
  EXCEPTION_TYPE: 'exception.type',
  EXCEPTION_MESSAGE: 'exception.message',
  EXCEPTION_STACKTRACE: 'exception.stacktrace',
  SERVICE_NAME: 'service.name',
} as const;

/** Our own names, where the GenAI conventions have none. */
export const TRUMPETS = {
  RELEASE_ID: 'trumpets.release.id',
  /** The request key a staged rollout assigned the release by (e.g. a user id), to check assignment later. */
  RELEASE_KEY: 'trumpets.release.key',
  /** The rollout bucket (0–9999) the request key hashed to: a stage at p% serves buckets below p × 100. */
  RELEASE_BUCKET: 'trumpets.release.bucket',
  /** Which side of a staged rollout served the request: candidate, stable, or fallback (the collector never answered). */
  RELEASE_VARIANT: 'trumpets.release.variant',
  EPISODE_OUTCOME: 'trumpets.episode.outcome',
  EPISODE_INPUT: 'trumpets.episode.input',
  EPISODE_OUTPUT: 'trumpets.episode.output',
  /** Why the agent handed the episode to a person (with outcome `escalated`). */
  ESCALATION_REASON: 'trumpets.escalation.reason',
  /** Event on the root span: something in the episode needs a safety review. */
  SAFETY_FLAG_EVENT: 'trumpets.safety.flag',
  SAFETY_KIND: 'trumpets.safety.kind',
  SAFETY_DETAIL: 'trumpets.safety.detail',
  /**
   * On the root span when successes are sampled: the share of successful episodes kept (0–1).
   * Failed, escalated, corrected and flagged episodes are always kept.
   */
  SAMPLING_SUCCESS_RATE: 'trumpets.sampling.success_rate',
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
  /** `gen_ai.evaluation.name` of the evaluation event a correction carries. */
  CORRECTION_EVALUATION: 'trumpets.correction',
  /**
   * Comma-separated tags of an episode (e.g. `edge,high-risk`), set through withEpisode's
   * `attributes`. Benchmark sets draw tagged cases by them; `high-risk` cases are checked for missed escalations.
   */
  EPISODE_TAGS: 'trumpets.episode.tags',
} as const;

/**
 * Set on the root span of every episode runBenchmark starts, so the collector can tell benchmark
 * episodes from production ones and pair them by case.
 */
export const BENCHMARK = {
  /** The validation run the episode belongs to (the collector's run id). */
  RUN_ID: 'trumpets.benchmark.run_id',
  /** `baseline` or `candidate`. */
  VARIANT: 'trumpets.benchmark.variant',
  /** The benchmark case the episode ran. */
  CASE_ID: 'trumpets.benchmark.case_id',
  /** Which repeat of the case, from 0. */
  REPEAT: 'trumpets.benchmark.repeat',
  SET_ID: 'trumpets.benchmark.set_id',
  SET_VERSION: 'trumpets.benchmark.set_version',
  PROPOSAL_ID: 'trumpets.benchmark.proposal_id',
} as const;

/** Episode outcomes, as stored. */
export const OUTCOMES = ['success', 'failure', 'escalated', 'unknown'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** OpenInference names, read so spans from its instrumentations (LangChain, OpenAI Agents, …) are understood. */
export const OPENINFERENCE = {
  SPAN_KIND: 'openinference.span.kind',
  TOOL_NAME: 'tool.name',
  TOOL_CALL_ID: 'tool_call.id',
  MODEL_NAME: 'llm.model_name',
  PROVIDER: 'llm.provider',
  SYSTEM: 'llm.system',
  FINISH_REASON: 'llm.finish_reason',
  TOKEN_COUNT_PROMPT: 'llm.token_count.prompt',
  TOKEN_COUNT_COMPLETION: 'llm.token_count.completion',
  TOKEN_COUNT_CACHE_READ: 'llm.token_count.prompt_details.cache_read',
  TOKEN_COUNT_REASONING: 'llm.token_count.completion_details.reasoning',
  INVOCATION_PARAMETERS: 'llm.invocation_parameters',
  INPUT_VALUE: 'input.value',
  OUTPUT_VALUE: 'output.value',
  AGENT_NAME: 'agent.name',
  /** The OpenAI Agents SDK's processor names its agent spans' node after the agent. */
  GRAPH_NODE_ID: 'graph.node.id',
} as const;

/** Vercel AI SDK 6 (`experimental_telemetry`): its `ai.*` names, beside the few `gen_ai.*` it also sets. */
export const VERCEL_AI_SDK = {
  /** `ai.generateText`, `ai.generateText.doGenerate`, `ai.streamText.doStream`, `ai.toolCall`, … */
  OPERATION_ID: 'ai.operationId',
  FUNCTION_ID: 'ai.telemetry.functionId',
  MODEL_ID: 'ai.model.id',
  MODEL_PROVIDER: 'ai.model.provider',
  RESPONSE_MODEL: 'ai.response.model',
  RESPONSE_FINISH_REASON: 'ai.response.finishReason',
  RESPONSE_TEXT: 'ai.response.text',
  PROMPT: 'ai.prompt',
  PROMPT_MESSAGES: 'ai.prompt.messages',
  USAGE_INPUT_TOKENS: 'ai.usage.inputTokens',
  USAGE_OUTPUT_TOKENS: 'ai.usage.outputTokens',
  USAGE_CACHED_INPUT_TOKENS: 'ai.usage.cachedInputTokens',
  USAGE_REASONING_TOKENS: 'ai.usage.reasoningTokens',
  /** AI SDK 5 spelling of the usage counts. */
  USAGE_PROMPT_TOKENS: 'ai.usage.promptTokens',
  USAGE_COMPLETION_TOKENS: 'ai.usage.completionTokens',
  TOOL_CALL_NAME: 'ai.toolCall.name',
  TOOL_CALL_ID: 'ai.toolCall.id',
  TOOL_CALL_ARGS: 'ai.toolCall.args',
  TOOL_CALL_RESULT: 'ai.toolCall.result',
  /** AI SDK 7 (`@ai-sdk/otel`) sets it on streamed calls only. */
  TIME_TO_FIRST_CHUNK: 'gen_ai.client.operation.time_to_first_chunk',
} as const;

/** Mastra's OpenTelemetry exporter: GenAI names for most things, `mastra.*` for the rest. */
export const MASTRA = {
  /** `agent_run`, `model_generation`, `model_step`, `model_inference`, `model_chunk`, `tool_call`, `mcp_tool_call`, `workflow_run`, … */
  SPAN_TYPE: 'mastra.span.type',
  AGENT_RUN_INPUT: 'mastra.agent_run.input',
  AGENT_RUN_OUTPUT: 'mastra.agent_run.output',
  USAGE_REASONING_TOKENS: 'gen_ai.usage.reasoning_tokens',
} as const;

/** OpenLLMetry names besides the GenAI conventions: its decorators' span kinds and older LLM spans. */
export const OPENLLMETRY = {
  /** `workflow`, `task`, `agent`, `tool`: what a `withTool()` / `withAgent()` span is. */
  SPAN_KIND: 'traceloop.span.kind',
  ENTITY_NAME: 'traceloop.entity.name',
  ENTITY_INPUT: 'traceloop.entity.input',
  ENTITY_OUTPUT: 'traceloop.entity.output',
  /** `chat`, `completion`: LLM spans of instrumentations older than `gen_ai.operation.name`. */
  LLM_REQUEST_TYPE: 'llm.request.type',
  USAGE_PROMPT_TOKENS: 'gen_ai.usage.prompt_tokens',
  USAGE_COMPLETION_TOKENS: 'gen_ai.usage.completion_tokens',
  USAGE_CACHE_READ_INPUT_TOKENS: 'gen_ai.usage.cache_read_input_tokens',
  IS_STREAMING: 'llm.is_streaming',
} as const;

/** Names other instrumentations emit that we read or normalise. */
export const THIRD_PARTY = {
  /** The Anthropic SDK's own spans (≥ 0.134) record the stop reason here, not in `gen_ai.response.finish_reasons`. */
  ANTHROPIC_STOP_REASON: 'anthropic.message.stop_reason',
  /** The Anthropic SDK's own spans record tool results here when content is on. */
  ANTHROPIC_TOOL_RESULT_CONTENT: 'anthropic.tool_result.content',
} as const;

/**
 * Attributes whose values are content (what users and models said, tool arguments and results):
 * redacted before they leave the process, and left out entirely when content capture is off.
 */
export const CONTENT_ATTRIBUTES: ReadonlySet<string> = new Set([
  TRUMPETS.EPISODE_INPUT,
  TRUMPETS.EPISODE_OUTPUT,
  TRUMPETS.CORRECTION_OUTPUT,
  GEN_AI.INPUT_MESSAGES,
  GEN_AI.OUTPUT_MESSAGES,
  GEN_AI.SYSTEM_INSTRUCTIONS,
  GEN_AI.TOOL_CALL_ARGUMENTS,
  GEN_AI.TOOL_CALL_RESULT,
  OPENINFERENCE.INPUT_VALUE,
  OPENINFERENCE.OUTPUT_VALUE,
  THIRD_PARTY.ANTHROPIC_TOOL_RESULT_CONTENT,
  OPENLLMETRY.ENTITY_INPUT,
  OPENLLMETRY.ENTITY_OUTPUT,
  VERCEL_AI_SDK.PROMPT,
  VERCEL_AI_SDK.PROMPT_MESSAGES,
  VERCEL_AI_SDK.RESPONSE_TEXT,
  VERCEL_AI_SDK.TOOL_CALL_ARGS,
  VERCEL_AI_SDK.TOOL_CALL_RESULT,
  MASTRA.AGENT_RUN_INPUT,
  MASTRA.AGENT_RUN_OUTPUT,
]);

/** Prefixes of flattened content attributes: OpenInference messages, older OpenLLMetry prompts and completions. */
export const CONTENT_ATTRIBUTE_PREFIXES: readonly string[] = [
  'llm.input_messages.',
  'llm.output_messages.',
  'gen_ai.prompt.',
  'gen_ai.completion.',
];

/**
 * Text that is not content but may quote it (error messages, human reasons): redacted, never left out,
 * because failure clustering reads it.
 */
export const REDACTED_TEXT_ATTRIBUTES: ReadonlySet<string> = new Set([
  OTEL.EXCEPTION_MESSAGE,
  OTEL.EXCEPTION_STACKTRACE,
  TRUMPETS.CORRECTION_REASON,
  TRUMPETS.ESCALATION_REASON,
  TRUMPETS.SAFETY_DETAIL,
  GEN_AI.EVALUATION_EXPLANATION,
]);
