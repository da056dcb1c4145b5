import { GEN_AI, LLM_OPERATIONS, OPENINFERENCE, OPENLLMETRY, OPERATION } from '@trumpets/instrumentation/conventions';
import type { StoredSpan } from './storedSpan.ts';

/**
 * What role a span plays in an episode, from the GenAI conventions first, then OpenInference's
 * span kinds, then OpenLLMetry's (its `withTool()` / `withAgent()` spans, and LLM spans of versions
 * older than `gen_ai.operation.name`), so spans from other instrumentations are understood too.
 */
export type SpanRole = 'agent' | 'tool' | 'llm' | 'retrieval' | 'other';

const OPENINFERENCE_ROLES: Record<string, SpanRole> = {
  AGENT: 'agent',
  TOOL: 'tool',
  LLM: 'llm',
  RETRIEVER: 'retrieval',
};

const OPENLLMETRY_ROLES: Record<string, SpanRole> = { agent: 'agent', tool: 'tool' };
const OPENLLMETRY_LLM_REQUEST_TYPES: ReadonlySet<string> = new Set(['chat', 'completion']);

export function roleOf(span: StoredSpan): SpanRole {
  const operation = span.SpanAttributes[GEN_AI.OPERATION_NAME];
  if (operation !== undefined) {
    if (operation === OPERATION.INVOKE_AGENT) return 'agent';
    if (operation === OPERATION.EXECUTE_TOOL) return 'tool';
    if (operation === OPERATION.RETRIEVAL) return 'retrieval';
    if (LLM_OPERATIONS.has(operation)) return 'llm';
  }
  const openInferenceKind = span.SpanAttributes[OPENINFERENCE.SPAN_KIND];
  if (openInferenceKind && OPENINFERENCE_ROLES[openInferenceKind]) return OPENINFERENCE_ROLES[openInferenceKind];
  const openLlmetryKind = span.SpanAttributes[OPENLLMETRY.SPAN_KIND];
  if (openLlmetryKind && OPENLLMETRY_ROLES[openLlmetryKind]) return OPENLLMETRY_ROLES[openLlmetryKind];
  return OPENLLMETRY_LLM_REQUEST_TYPES.has(span.SpanAttributes[OPENLLMETRY.LLM_REQUEST_TYPE] ?? '') ? 'llm' : 'other';
}

/**
 * The episode's root: the outermost agent span. An agent span whose parent is another agent
 * span (a sub-agent) belongs to the episode, it does not start one.
 */
export function findEpisodeRoot(spans: readonly StoredSpan[]): StoredSpan | undefined {
  const byId = new Map(spans.map((span) => [span.SpanId, span]));
  let root: StoredSpan | undefined;
  for (const span of spans) {
    if (roleOf(span) !== 'agent' || hasAgentAncestor(span, byId)) continue;
    if (!root || BigInt(span.StartTimeUnixNano) < BigInt(root.StartTimeUnixNano)) root = span;
  }
  return root;
}

function hasAgentAncestor(span: StoredSpan, byId: Map<string, StoredSpan>): boolean {
  const seen = new Set<string>();
  let parent = byId.get(span.ParentSpanId);
  while (parent && !seen.has(parent.SpanId)) {
    if (roleOf(parent) === 'agent') return true;
    seen.add(parent.SpanId);
    parent = byId.get(parent.ParentSpanId);
  }
  return false;
}
