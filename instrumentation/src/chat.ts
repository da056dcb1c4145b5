import { SpanKind } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import { GEN_AI, OPERATION } from '@trumpets/protocol/conventions';
import { guard } from './internal/guard.ts';
import { runInSpan } from './internal/runInSpan.ts';
import type { SpanHooks } from './internal/runInSpan.ts';

export interface ChatOptions {
  /** `gen_ai.provider.name`, e.g. `openai`, `anthropic`, `aws.bedrock`. */
  provider: string;
  /** `gen_ai.request.model`; also names the span `chat {model}`. */
  model: string;
}

/** Token counts of one model call. */
export interface TokenUsage {
  inputTokens?: number;
  outputTokens?: number;
}

/** Handed to the function traceChat wraps. */
export interface Chat {
  /** Records token usage (`gen_ai.usage.input_tokens` / `output_tokens`); wins over a returned `usage`. */
  setUsage(usage: TokenUsage): void;
}

/** One call of traceChat: the caller's function, and whether it reported usage itself. */
class ChatCall<T> implements Chat {
  usageSet = false;
  span: Span | undefined;

  constructor(readonly fn: (chat: Chat) => Promise<T> | T) {
    // Bound, so `({ setUsage }) => …` works too.
    this.setUsage = this.setUsage.bind(this);
  }

  setUsage(usage: TokenUsage): void {
    this.usageSet = true;
    if (this.span) guard('recording token usage', () => writeUsage(this.span as Span, usage));
  }
}

const CHAT_HOOKS: SpanHooks<unknown, ChatCall<unknown>> = {
  onReturn: (span, value, call) => {
    if (!call.usageSet) writeUsage(span, returnedUsage(value));
  },
};

/**
 * Runs one LLM call in a `chat {model}` span (kind CLIENT: the model runs elsewhere).
 * Token usage comes from `chat.setUsage()` or, when that was not called, from a
 * `usage: { inputTokens, outputTokens }` field on the value fn returns.
 * fn's value and errors pass through unchanged.
 */
export function traceChat<T>(options: ChatOptions, fn: (chat: Chat) => Promise<T> | T): Promise<T> {
  return runInSpan(
    `${OPERATION.CHAT} ${options.model}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        [GEN_AI.OPERATION_NAME]: OPERATION.CHAT,
        [GEN_AI.PROVIDER_NAME]: options.provider,
        [GEN_AI.REQUEST_MODEL]: options.model,
      },
    },
    callModel,
    new ChatCall(fn),
    CHAT_HOOKS as SpanHooks<T, ChatCall<T>>,
  );
}

function callModel<T>(span: Span, call: ChatCall<T>): Promise<T> | T {
  call.span = span;
  return call.fn(call);
}

function returnedUsage(value: unknown): TokenUsage {
  if (typeof value !== 'object' || value === null || !('usage' in value)) return {};
  const usage = value.usage;
  return typeof usage === 'object' && usage !== null ? usage : {};
}

function writeUsage(span: Span, usage: TokenUsage): void {
  // Only real counts: a missing or malformed count is left out rather than stored as 0.
  if (isCount(usage.inputTokens)) span.setAttribute(GEN_AI.USAGE_INPUT_TOKENS, usage.inputTokens);
  if (isCount(usage.outputTokens)) span.setAttribute(GEN_AI.USAGE_OUTPUT_TOKENS, usage.outputTokens);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
