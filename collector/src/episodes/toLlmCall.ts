import { llmCallOf } from './frameworks/readSpan.ts';
import { nanosBetweenMs, nanosToDateTime64 } from '../spans/nanos.ts';
import { llmCallCost, type PriceTable } from './prices.ts';
import type { StoredSpan } from './storedSpan.ts';

/** One row of `llm_calls`: a model call of an episode, as its span records it. */
export interface LlmCallRow {
  EpisodeId: string;
  SpanId: string;
  ParentSpanId: string;
  Agent: string;
  Provider: string;
  RequestModel: string;
  ResponseModel: string;
  InputTokens: number;
  OutputTokens: number;
  CacheReadTokens: number;
  ReasoningTokens: number;
  /** USD, from the price table; 0 for a model it does not list. */
  CostUsd: number;
  FinishReason: string;
  StatusCode: string;
  Streamed: boolean;
  StartTime: string;
  LatencyMs: number;
}

export function toLlmCall(episodeId: string, agent: string, span: StoredSpan, prices: PriceTable): LlmCallRow {
  const call = llmCallOf(span);
  return {
    EpisodeId: episodeId,
    SpanId: span.SpanId,
    ParentSpanId: span.ParentSpanId,
    Agent: agent,
    Provider: call.provider,
    RequestModel: call.requestModel,
    ResponseModel: call.responseModel,
    InputTokens: call.inputTokens,
    OutputTokens: call.outputTokens,
    CacheReadTokens: call.cacheReadTokens,
    ReasoningTokens: call.reasoningTokens,
    CostUsd: llmCallCost(prices, call) ?? 0,
    FinishReason: call.finishReason,
    StatusCode: span.StatusCode,
    Streamed: call.streamed,
    StartTime: nanosToDateTime64(span.StartTimeUnixNano),
    LatencyMs: nanosBetweenMs(span.StartTimeUnixNano, span.EndTimeUnixNano),
  };
}
