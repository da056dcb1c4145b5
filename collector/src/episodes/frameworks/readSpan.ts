import { TRUMPETS } from '@trumpets/protocol/conventions';
import type { StoredSpan } from '../storedSpan.ts';
import { normaliseFinishReason } from './finishReason.ts';
import { genAiSemconv } from './genAiSemconv.ts';
import { mastra } from './mastra.ts';
import { openInference } from './openInference.ts';
import { openLlmetry } from './openLlmetry.ts';
import type { FrameworkMapping, LlmCallFacts, SpanRole, ToolCallFacts } from './types.ts';
import { vercelAiSdk } from './vercelAiSdk.ts';

/** Roles: the GenAI conventions first, then each framework's own marks. */
const ROLE_ORDER: readonly FrameworkMapping[] = [genAiSemconv, openInference, openLlmetry, vercelAiSdk, mastra];
/** Facts: a framework's own names first (they are more specific), the GenAI names as the fallback. */
const FACT_ORDER: readonly FrameworkMapping[] = [vercelAiSdk, mastra, openInference, openLlmetry, genAiSemconv];
/** FACT_ORDER from the fallback up, for merging: a later mapping's fields overwrite an earlier one's. */
const MERGE_ORDER: readonly FrameworkMapping[] = [...FACT_ORDER].reverse();

export type { SpanRole } from './types.ts';

/** One model call as read from its span, every field filled. */
export interface LlmCall {
  provider: string;
  requestModel: string;
  responseModel: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  reasoningTokens: number;
  /** Normalised: `stop`, `length`, `tool_call`, `content_filter`, or the framework's own word. */
  finishReason: string;
  streamed: boolean;
}

export function roleOf(span: StoredSpan): SpanRole {
  for (const mapping of ROLE_ORDER) {
    const role = mapping.role(span);
    if (role !== undefined && role !== 'other') return role;
  }
  return 'other';
}

export function agentNameOf(span: StoredSpan): string | undefined {
  return firstAnswer((mapping) => mapping.agentName?.(span));
}

export function runNameOf(span: StoredSpan): string | undefined {
  return firstAnswer((mapping) => mapping.runName?.(span));
}

export function llmCallOf(span: StoredSpan): LlmCall {
  const facts = mergeFacts<LlmCallFacts>((mapping) => mapping.llmCall?.(span));
  return {
    provider: facts.provider ?? '',
    requestModel: facts.requestModel ?? facts.responseModel ?? '',
    responseModel: facts.responseModel ?? '',
    inputTokens: facts.inputTokens ?? 0,
    outputTokens: facts.outputTokens ?? 0,
    cacheReadTokens: facts.cacheReadTokens ?? 0,
    reasoningTokens: facts.reasoningTokens ?? 0,
    finishReason: normaliseFinishReason(facts.finishReason),
    streamed: facts.streamed ?? false,
  };
}

export function toolCallOf(span: StoredSpan): Required<ToolCallFacts> {
  const facts = mergeFacts<ToolCallFacts>((mapping) => mapping.toolCall?.(span));
  return { name: facts.name ?? span.SpanName, callId: facts.callId ?? '', arguments: facts.arguments ?? '', result: facts.result ?? '' };
}

/** The episode's input as the root records it: ours first, then the frameworks'. */
export function inputOf(span: StoredSpan): string {
  return span.SpanAttributes[TRUMPETS.EPISODE_INPUT] ?? firstAnswer((mapping) => mapping.input?.(span)) ?? '';
}

export function outputOf(span: StoredSpan): string {
  return span.SpanAttributes[TRUMPETS.EPISODE_OUTPUT] ?? firstAnswer((mapping) => mapping.output?.(span)) ?? '';
}

function firstAnswer(ask: (mapping: FrameworkMapping) => string | undefined): string | undefined {
  for (const mapping of FACT_ORDER) {
    const answer = ask(mapping);
    if (answer !== undefined && answer !== '') return answer;
  }
  return undefined;
}

/** Field by field, the first mapping that knows it wins. */
function mergeFacts<T extends object>(ask: (mapping: FrameworkMapping) => T | undefined): Partial<T> {
  const merged: Partial<T> = {};
  for (const mapping of MERGE_ORDER) Object.assign(merged, ask(mapping));
  return merged;
}
