import { INVALID_SPAN_CONTEXT, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { Context, Span, SpanOptions } from '@opentelemetry/api';
import { OTEL } from '@trumpets/protocol/conventions';
import { redactedText } from './content.ts';
import { guard, reportFailure } from './guard.ts';
import { activeTracer, currentSettings } from './settings.ts';

/**
 * What the caller adds around fn, given the same per-call state fn gets. Written once per kind of
 * span (module constants), not per call: the hot path allocates no closures. All of it runs guarded.
 */
export interface SpanHooks<T, S> {
  /** More values for the context fn runs in (the span is already in it). */
  enter?(active: Context, span: Span, state: S): Context;
  onReturn?(span: Span, value: T, state: S): void;
  onThrow?(span: Span, state: S): void;
}

const NO_HOOKS: SpanHooks<unknown, unknown> = {};

/**
 * Runs fn(span, state) inside a new active span and always ends it. fn's value and errors pass
 * through unchanged; a thrown error is also recorded on the span (status, `error.type`, exception event).
 */
export async function runInSpan<T, S>(
  name: string,
  options: SpanOptions,
  fn: (span: Span, state: S) => Promise<T> | T,
  state: S,
  hooks: SpanHooks<T, S> = NO_HOOKS as SpanHooks<T, S>,
): Promise<T> {
  const span = startSpan(name, options);
  let active = trace.setSpan(context.active(), span);
  if (hooks.enter) {
    try {
      active = hooks.enter(active, span, state);
    } catch (error) {
      reportFailure('entering a span', error);
    }
  }
  try {
    const value = await context.with(active, fn, undefined, span, state);
    if (hooks.onReturn) {
      try {
        hooks.onReturn(span, value, state);
      } catch (error) {
        reportFailure('finishing a span', error);
      }
    }
    return value;
  } catch (error) {
    guard('recording an error', () => recordError(span, error));
    if (hooks.onThrow) guard('finishing a failed span', () => hooks.onThrow?.(span, state));
    throw error;
  } finally {
    endSpan(span);
  }
}

/** Starts the span, or stands in a non-recording one if the SDK throws, so fn still runs. */
export function startSpan(name: string, options: SpanOptions): Span {
  try {
    return activeTracer().startSpan(name, { startTime: currentSettings().clock(), ...options });
  } catch (error) {
    reportFailure(`starting span "${name}"`, error);
    return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
  }
}

/** Ends the span at the configured clock's time (`spanTime` by default); never throws. */
export function endSpan(span: Span): void {
  try {
    span.end(currentSettings().clock());
  } catch (error) {
    reportFailure('ending a span', error);
  }
}

/** Status ERROR, `error.type` and an exception event; message and stack are redacted like any text. */
export function recordError(span: Span, error: unknown): void {
  const type = errorType(error);
  const message = redactedText(error instanceof Error ? error.message : error);
  span.setStatus({ code: SpanStatusCode.ERROR, message });
  span.setAttribute(OTEL.ERROR_TYPE, type);
  // Named by the same type as `error.type`, so both agree even when a subclass leaves `name` as "Error".
  span.recordException(
    { name: type, message, stack: error instanceof Error && error.stack ? redactedText(error.stack) : undefined },
    currentSettings().clock(),
  );
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
