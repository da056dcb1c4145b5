import { GEN_AI, OUTCOMES, TRUMPETS, type Outcome } from '@trumpets/protocol/conventions';
import { extractCorrection, type CorrectionRow } from './extractCorrection.ts';
import { extractSafetyFlags, type SafetyFlagRow } from './extractSafetyFlags.ts';
import { extractSources, type SourceRow } from './extractSources.ts';
import { DEFAULT_PRICES, type PriceTable } from './prices.ts';
import { nanosBetweenMs, nanosToDateTime64 } from '../spans/nanos.ts';
import { headlineOf } from '../spans/errorHeadline.ts';
import { errorOf } from './spanErrors.ts';
import { episodeIdentity, findEpisodeRoot } from './episodeRoot.ts';
import { inputOf, outputOf, roleOf, toolCallOf } from './frameworks/readSpan.ts';
import type { StoredSpan } from './storedSpan.ts';
import { toLlmCall, type LlmCallRow } from './toLlmCall.ts';
import { truncate } from './truncate.ts';

export interface EpisodeRow {
  EpisodeId: string;
  TraceId: string;
  RootSpanId: string;
  ServiceName: string;
  Agent: string;
  AgentVersion: string;
  Workflow: string;
  ReleaseId: string;
  ConversationId: string;
  Outcome: Outcome;
  StatusCode: string;
  ErrorType: string;
  ErrorMessage: string;
  ErrorHeadline: string;
  Input: string;
  Output: string;
  InputTruncated: boolean;
  OutputTruncated: boolean;
  StartTime: string;
  EndTime: string;
  LatencyMs: number;
  InputTokens: number;
  OutputTokens: number;
  /** USD, from the price table; calls of models it does not list count as 0. */
  CostUsd: number;
  LlmCallCount: number;
  ToolCallCount: number;
  ToolErrorCount: number;
  SourceCount: number;
  SpanCount: number;
  /** Whether any of its spans raised a safety flag (a `trumpets.safety.flag` event). */
  SafetyFlagged: boolean;
  Attributes: Record<string, string>;
}

export interface ToolCallRow {
  EpisodeId: string;
  SpanId: string;
  ParentSpanId: string;
  Agent: string;
  Workflow: string;
  ToolName: string;
  CallId: string;
  Arguments: string;
  Result: string;
  Status: 'ok' | 'error';
  ErrorType: string;
  ErrorMessage: string;
  ErrorHeadline: string;
  StartTime: string;
  DurationMs: number;
}

/** Everything one trace yields: the episode's totals are the sums of its LLM-call rows. An episode only once its root has arrived; corrections always. */
export interface AssembledTrace {
  episode?: EpisodeRow;
  toolCalls: ToolCallRow[];
  llmCalls: LlmCallRow[];
  sources: SourceRow[];
  safetyFlags: SafetyFlagRow[];
  corrections: CorrectionRow[];
}

export interface AssemblyOptions {
  /** Input, output, arguments and results longer than this are truncated and marked. */
  maxTextChars: number;
  /** Prices for episode cost. Default: DEFAULT_PRICES. */
  prices?: PriceTable;
}

/**
 * The spans of one trace → its episode, tool calls and sources. Pure: the same spans give the
 * same rows whatever order or batches they came in, which makes reassembly idempotent.
 */
export function assembleTrace(spans: readonly StoredSpan[], options: AssemblyOptions): AssembledTrace {
  const corrections = spans.flatMap((span) => extractCorrection(span, options.maxTextChars) ?? []);
  const root = findEpisodeRoot(spans);
  if (!root) return { toolCalls: [], llmCalls: [], sources: [], safetyFlags: [], corrections };

  const episodeId = root.TraceId;
  const attributes = root.SpanAttributes;
  const { agent, workflow } = episodeIdentity(root, spans);
  const toolCalls: ToolCallRow[] = [];
  const llmCalls: LlmCallRow[] = [];
  const sources: SourceRow[] = [];
  const safetyFlags: SafetyFlagRow[] = [];
  for (const span of spans) {
    sources.push(...extractSources(episodeId, span));
    if (span.EventNames.length > 0) safetyFlags.push(...extractSafetyFlags(episodeId, span, options.maxTextChars));
    const role = roleOf(span);
    if (role === 'tool') toolCalls.push(toToolCall(episodeId, agent, workflow, span, options));
    // Usage is counted on LLM-call spans only: parents in some SDKs repeat their children's sums.
    if (role === 'llm') llmCalls.push(toLlmCall(episodeId, agent, span, options.prices ?? DEFAULT_PRICES));
  }

  const rootError = errorOf(root);
  const firstToolError = toolCalls.find((call) => call.Status === 'error');
  const input = truncate(inputOf(root), options.maxTextChars);
  const output = truncate(outputOf(root), options.maxTextChars);

  const episode: EpisodeRow = {
    EpisodeId: episodeId,
    TraceId: root.TraceId,
    RootSpanId: root.SpanId,
    ServiceName: root.ServiceName,
    Agent: agent,
    AgentVersion: attributes[GEN_AI.AGENT_VERSION] ?? '',
    Workflow: workflow,
    ReleaseId: attributes[TRUMPETS.RELEASE_ID] ?? '',
    ConversationId: attributes[GEN_AI.CONVERSATION_ID] ?? '',
    Outcome: outcomeOf(root),
    StatusCode: root.StatusCode,
    ErrorType: rootError?.type ?? firstToolError?.ErrorType ?? '',
    ErrorMessage: truncate(rootError?.message ?? firstToolError?.ErrorMessage ?? '', options.maxTextChars).text,
    ErrorHeadline: rootError ? headlineOf(rootError.message) : (firstToolError?.ErrorHeadline ?? ''),
    Input: input.text,
    Output: output.text,
    InputTruncated: input.truncated,
    OutputTruncated: output.truncated,
    StartTime: nanosToDateTime64(root.StartTimeUnixNano),
    EndTime: nanosToDateTime64(root.EndTimeUnixNano),
    LatencyMs: nanosBetweenMs(root.StartTimeUnixNano, root.EndTimeUnixNano),
    InputTokens: sumOf(llmCalls, 'InputTokens'),
    OutputTokens: sumOf(llmCalls, 'OutputTokens'),
    CostUsd: sumOf(llmCalls, 'CostUsd'),
    LlmCallCount: llmCalls.length,
    ToolCallCount: toolCalls.length,
    ToolErrorCount: toolCalls.filter((call) => call.Status === 'error').length,
    SourceCount: sources.length,
    SpanCount: spans.length,
    SafetyFlagged: safetyFlags.length > 0,
    Attributes: attributes,
  };
  return { episode, toolCalls, llmCalls, sources, safetyFlags, corrections };
}

/** The recorded outcome when valid; otherwise a failed root is a failure and the rest unknown. */
function outcomeOf(root: StoredSpan): Outcome {
  const recorded = root.SpanAttributes[TRUMPETS.EPISODE_OUTCOME];
  if (recorded && (OUTCOMES as readonly string[]).includes(recorded)) return recorded as Outcome;
  return root.StatusCode === 'ERROR' ? 'failure' : 'unknown';
}

function toToolCall(episodeId: string, agent: string, workflow: string, span: StoredSpan, options: AssemblyOptions): ToolCallRow {
  const error = errorOf(span);
  const tool = toolCallOf(span);
  return {
    EpisodeId: episodeId,
    SpanId: span.SpanId,
    ParentSpanId: span.ParentSpanId,
    Agent: agent,
    Workflow: workflow,
    ToolName: tool.name,
    CallId: tool.callId,
    Arguments: truncate(tool.arguments, options.maxTextChars).text,
    Result: truncate(tool.result, options.maxTextChars).text,
    Status: error ? 'error' : 'ok',
    ErrorType: error?.type ?? '',
    ErrorMessage: truncate(error?.message ?? '', options.maxTextChars).text,
    ErrorHeadline: headlineOf(error?.message ?? ''),
    StartTime: nanosToDateTime64(span.StartTimeUnixNano),
    DurationMs: nanosBetweenMs(span.StartTimeUnixNano, span.EndTimeUnixNano),
  };
}

function sumOf(calls: readonly LlmCallRow[], column: 'InputTokens' | 'OutputTokens' | 'CostUsd'): number {
  return calls.reduce((sum, call) => sum + call[column], 0);
}
