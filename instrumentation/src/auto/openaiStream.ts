import { SpanKind, context, trace } from '@opentelemetry/api';
import type { Span, Tracer } from '@opentelemetry/api';
import { GEN_AI, OPERATION } from '@trumpets/protocol/conventions';
import { setContent } from '../internal/content.ts';
import { guard } from '../internal/guard.ts';
import { recordError } from '../internal/runInSpan.ts';
import { finishReason, inputMessages } from './openaiMessages.ts';

/** The parts of the SDK's APIPromise (openai 4–6) we rely on. */
interface ApiPromise<T> extends Promise<T> {
  responsePromise: Promise<unknown>;
  _thenUnwrap<U>(transform: (value: T) => U): ApiPromise<U>;
}

/** The SDK's Stream: an async iterable with an abort controller, rebuilt with the same class. */
interface SdkStream extends AsyncIterable<unknown> {
  controller: AbortController;
  constructor: new (iterator: () => AsyncIterator<unknown>, controller: AbortController, client?: unknown) => SdkStream;
}

interface ChatChunk {
  model?: string;
  choices?: Array<{ index?: number; finish_reason?: string | null; delta?: { content?: string | null } }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } } | null;
}

/**
 * A streamed `chat.completions.create({ stream: true })` in a `chat {model}` span of our own. The
 * caller gets the SDK's own APIPromise and Stream back (so `controller`, `tee()`, `toReadableStream()`
 * and the SDK's stream helpers keep working); the span records model, finish reasons and the usage
 * chunk (sent when the request asks for `stream_options.include_usage`), and ends when the stream
 * completes, fails, or the caller stops reading.
 */
export function traceOpenAIStream(create: (...args: unknown[]) => unknown, client: unknown, args: unknown[], tracer: Tracer): unknown {
  const params = (args[0] ?? {}) as { model?: unknown; messages?: unknown };
  const model = String(params.model);
  const span = tracer.startSpan(`${OPERATION.CHAT} ${model}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      [GEN_AI.OPERATION_NAME]: OPERATION.CHAT,
      [GEN_AI.PROVIDER_NAME]: providerOf(client),
      [GEN_AI.REQUEST_MODEL]: model,
    },
  });
  const reading = new StreamReading(span);
  guard('recording chat input', () => setContent(span, GEN_AI.INPUT_MESSAGES, inputMessages(params.messages)));
  let result: unknown;
  try {
    result = context.with(trace.setSpan(context.active(), span), () => create.apply(client, args));
  } catch (error) {
    reading.fail(error);
    throw error;
  }
  if (!isApiPromise(result)) {
    reading.finish();
    return result;
  }
  result.responsePromise.then(undefined, (error: unknown) => reading.fail(error));
  return result._thenUnwrap((stream) => guard('observing a stream', () => observed(stream as SdkStream, reading, client)) ?? stream);
}

function observed(stream: SdkStream, reading: StreamReading, client: unknown): SdkStream {
  const Stream = stream.constructor;
  return new Stream(() => observedIterator(stream[Symbol.asyncIterator](), reading), stream.controller, client);
}

function observedIterator(source: AsyncIterator<unknown>, reading: StreamReading): AsyncIterator<unknown> {
  return {
    async next() {
      try {
        const item = await source.next();
        if (item.done) reading.finish();
        else reading.add(item.value as ChatChunk);
        return item;
      } catch (error) {
        reading.fail(error);
        throw error;
      }
    },
    async return(value?: unknown) {
      reading.finish();
      return source.return ? source.return(value) : { done: true, value };
    },
  };
}

/** What the chunks said so far; ends the span once. */
class StreamReading {
  private ended = false;
  private model: string | undefined;
  private text = '';
  private readonly finishReasons: string[] = [];
  private usage: ChatChunk['usage'];

  constructor(private readonly span: Span) {}

  add(chunk: ChatChunk): void {
    guard('reading a stream chunk', () => {
      if (chunk.model) this.model = chunk.model;
      if (chunk.usage) this.usage = chunk.usage;
      for (const choice of chunk.choices ?? []) {
        if (choice.finish_reason) this.finishReasons[choice.index ?? 0] = finishReason(choice.finish_reason);
        if ((choice.index ?? 0) === 0 && choice.delta?.content) this.text += choice.delta.content;
      }
    });
  }

  finish(): void {
    if (this.ended) return;
    this.ended = true;
    guard('finishing a stream span', () => {
      const reasons = this.finishReasons.filter((reason) => reason !== undefined);
      if (this.model) this.span.setAttribute(GEN_AI.RESPONSE_MODEL, this.model);
      if (reasons.length > 0) this.span.setAttribute(GEN_AI.RESPONSE_FINISH_REASONS, reasons);
      if (typeof this.usage?.prompt_tokens === 'number') this.span.setAttribute(GEN_AI.USAGE_INPUT_TOKENS, this.usage.prompt_tokens);
      if (typeof this.usage?.completion_tokens === 'number')
        this.span.setAttribute(GEN_AI.USAGE_OUTPUT_TOKENS, this.usage.completion_tokens);
      const cached = this.usage?.prompt_tokens_details?.cached_tokens;
      if (typeof cached === 'number') this.span.setAttribute(GEN_AI.USAGE_CACHE_READ_INPUT_TOKENS, cached);
      setContent(this.span, GEN_AI.OUTPUT_MESSAGES, [
        { role: 'assistant', parts: [{ type: 'text', content: this.text }], finish_reason: reasons[0] },
      ]);
    });
    guard('ending a stream span', () => this.span.end());
  }

  fail(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    guard('recording a stream error', () => recordError(this.span, error));
    guard('ending a stream span', () => this.span.end());
  }
}

function isApiPromise(value: unknown): value is ApiPromise<unknown> {
  const candidate = value as Partial<ApiPromise<unknown>> | undefined;
  return typeof candidate?._thenUnwrap === 'function' && typeof candidate.responsePromise?.then === 'function';
}

/** As OpenLLMetry tells providers apart for the same client: by its base URL. */
function providerOf(client: unknown): string {
  const baseURL = String((client as { baseURL?: unknown } | undefined)?.baseURL ?? '').toLowerCase();
  return baseURL.includes('azure') ? 'azure.ai.openai' : 'openai';
}
