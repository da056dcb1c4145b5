import { GEN_AI, MASTRA } from '@trumpets/protocol/conventions';
import { countAttribute, defined, firstAttribute } from './attributeValues.ts';
import { providerOf } from './vercelAiSdk.ts';
import type { FrameworkMapping, SpanRole } from './types.ts';

const ROLES: Record<string, SpanRole> = {
  agent_run: 'agent',
  tool_call: 'tool',
  mcp_tool_call: 'tool',
  provider_tool_call: 'tool',
  model_inference: 'llm',
};

/**
 * Mastra's OpenTelemetry exporter (`@mastra/otel-exporter`): `invoke_agent`, `chat` and
 * `execute_tool` spans in GenAI names, marked by `mastra.span.type`, plus `model_generation`,
 * `agent_step` and `model_chunk` spans in between. Providers come as AI SDK ids (`openai.chat`).
 */
export const mastra: FrameworkMapping = {
  name: 'mastra',
  role(span) {
    const type = span.SpanAttributes[MASTRA.SPAN_TYPE];
    return type === undefined ? undefined : (ROLES[type] ?? 'other');
  },
  llmCall(span) {
    // Mastra paired with an older core makes `model_generation` the `chat` span: read whichever it is.
    if (span.SpanAttributes[MASTRA.SPAN_TYPE] === undefined) return undefined;
    const provider = firstAttribute(span, [GEN_AI.PROVIDER_NAME]);
    return defined({
      provider: provider === undefined ? undefined : providerOf(provider),
      reasoningTokens: countAttribute(span, [MASTRA.USAGE_REASONING_TOKENS]),
    });
  },
  input: (span) => firstAttribute(span, [MASTRA.AGENT_RUN_INPUT]),
  output: (span) => firstAttribute(span, [MASTRA.AGENT_RUN_OUTPUT]),
};
