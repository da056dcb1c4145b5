import { INVALID_SPAN_CONTEXT, SpanStatusCode, context, diag, trace } from '@opentelemetry/api';
import type { Span, SpanOptions } from '@opentelemetry/api';
import { OTEL } from '../conventions.ts';
import { guard } from './guard.ts';
import { toText } from './text.ts';

/** Instrumentation scope of every span this package starts. */
const TRACER_NAME = '@trumpets/instrumentation';

/** What the caller adds once fn has settled, before the span ends. Both run guarded. */
export interface SpanHooks<T> {
  onReturn?(span: Span, value: T): void;
  onThrow?(span: Span): void;
}

/**
 * Runs fn inside a new active span and always ends it. fn's value and errors pass through
 * unchanged; a thrown error is also recorded on the span (status, `error.type`, exception event).
 */
export async function runInSpan<T>(
  name: string,
  options: SpanOptions,
  fn: (span: Span) => Promise<T> | T,
  hooks: SpanHooks<T> = {},
): Promise<T> {
  const span = startSpan(name, options);
  try {
    const value = await context.with(trace.setSpan(context.active(), span), fn, undefined, span);
    guard('finishing a span', () => hooks.onReturn?.(span, value));
    return value;
  } catch (error) {
    guard('recording an error', () => recordError(span, error));
    guard('finishing a failed span', () => hooks.onThrow?.(span));
    throw error;
  } finally {
    guard('ending a span', () => span.end());
  }
}

/** Starts the span, or stands in a non-recording one if the SDK throws, so fn still runs. */
function startSpan(name: string, options: SpanOptions): Span {
  try {
    // Looked up per span, not cached: a cached tracer would keep a provider that was since replaced.
    return trace.getTracer(TRACER_NAME).startSpan(name, options);
  } catch (error) {
    diag.warn(`@trumpets/instrumentation: starting span "${name}" failed`, error);
    return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
  }
}

function recordError(span: Span, error: unknown): void {
  const type = errorType(error);
  const message = error instanceof Error ? error.message : toText(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message });
  span.setAttribute(OTEL.ERROR_TYPE, type);
  // Named by the same type as `error.type`, so both agree even when a subclass leaves `name` as "Error".
  span.recordException({ name: type, message, stack: error instanceof Error ? error.stack : undefined });
}

/** The thrown value's class name (`RefundLimitExceeded`), which groups failures better than its message. */
function errorType(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const name: unknown = error.constructor?.name;
    if (typeof name === 'string' && name !== '') return name;
  }
  // The semantic conventions' fallback when no type can be named.
  return '_OTHER';
}
