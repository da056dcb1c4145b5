import { OPENLLMETRY } from '@trumpets/protocol/conventions';
import { countAttribute, defined, firstAttribute } from './attributeValues.ts';
import type { FrameworkMapping, SpanRole } from './types.ts';

const ROLES: Record<string, SpanRole> = { agent: 'agent', tool: 'tool', workflow: 'other', task: 'other' };
const LLM_REQUEST_TYPES: ReadonlySet<string> = new Set(['chat', 'completion']);

/**
 * OpenLLMetry (Traceloop) besides the GenAI names: its `withAgent()` / `withTool()` / `withWorkflow()`
 * spans (`traceloop.span.kind`, `traceloop.entity.name`) and LLM spans of versions older than
 * `gen_ai.operation.name` (`llm.request.type`, `gen_ai.usage.prompt_tokens`).
 */
export const openLlmetry: FrameworkMapping = {
  name: 'openllmetry',
  role(span) {
    const kind = span.SpanAttributes[OPENLLMETRY.SPAN_KIND];
    if (kind !== undefined) return ROLES[kind] ?? 'other';
    return LLM_REQUEST_TYPES.has(span.SpanAttributes[OPENLLMETRY.LLM_REQUEST_TYPE] ?? '') ? 'llm' : undefined;
  },
  agentName: (span) =>
    span.SpanAttributes[OPENLLMETRY.SPAN_KIND] === 'agent' ? firstAttribute(span, [OPENLLMETRY.ENTITY_NAME]) : undefined,
  runName: (span) =>
    span.SpanAttributes[OPENLLMETRY.SPAN_KIND] === 'workflow' ? firstAttribute(span, [OPENLLMETRY.ENTITY_NAME]) : undefined,
  llmCall: (span) =>
    defined({
      inputTokens: countAttribute(span, [OPENLLMETRY.USAGE_PROMPT_TOKENS]),
      outputTokens: countAttribute(span, [OPENLLMETRY.USAGE_COMPLETION_TOKENS]),
      cacheReadTokens: countAttribute(span, [OPENLLMETRY.USAGE_CACHE_READ_INPUT_TOKENS]),
      streamed:
        span.SpanAttributes[OPENLLMETRY.IS_STREAMING] === undefined ? undefined : span.SpanAttributes[OPENLLMETRY.IS_STREAMING] === 'true',
    }),
  toolCall: (span) =>
    span.SpanAttributes[OPENLLMETRY.SPAN_KIND] === 'tool'
      ? defined({
          name: firstAttribute(span, [OPENLLMETRY.ENTITY_NAME]),
          arguments: firstAttribute(span, [OPENLLMETRY.ENTITY_INPUT]),
          result: firstAttribute(span, [OPENLLMETRY.ENTITY_OUTPUT]),
        })
      : undefined,
  input: (span) => firstAttribute(span, [OPENLLMETRY.ENTITY_INPUT]),
  output: (span) => firstAttribute(span, [OPENLLMETRY.ENTITY_OUTPUT]),
};
