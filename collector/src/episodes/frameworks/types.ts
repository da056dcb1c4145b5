import type { StoredSpan } from '../storedSpan.ts';

/** What role a span plays in an episode. */
export type SpanRole = 'agent' | 'tool' | 'llm' | 'retrieval' | 'other';

/** What a framework's attributes say about one model call; absent where they say nothing. */
export interface LlmCallFacts {
  provider?: string;
  requestModel?: string;
  responseModel?: string;
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  reasoningTokens?: number;
  /** As the framework spells it; normalised by the reader. */
  finishReason?: string;
  streamed?: boolean;
}

/** What a framework's attributes say about one tool execution. */
export interface ToolCallFacts {
  name?: string;
  callId?: string;
  arguments?: string;
  result?: string;
}

/**
 * How one framework's spans read: each function answers only for spans carrying that framework's
 * own names and returns undefined (or leaves a field out) otherwise, so mappings can be tried in turn.
 */
export interface FrameworkMapping {
  readonly name: string;
  role(span: StoredSpan): SpanRole | undefined;
  /** The agent's name as the span records it (a name attribute, a function id). */
  agentName?(span: StoredSpan): string | undefined;
  /** The name of the run when this span is a trace's root with no agent name of its own (a chain, a graph). */
  runName?(span: StoredSpan): string | undefined;
  llmCall?(span: StoredSpan): LlmCallFacts | undefined;
  toolCall?(span: StoredSpan): ToolCallFacts | undefined;
  input?(span: StoredSpan): string | undefined;
  output?(span: StoredSpan): string | undefined;
}
