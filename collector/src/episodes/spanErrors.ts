import { OTEL } from '@trumpets/protocol/conventions';
import type { StoredSpan } from './storedSpan.ts';

export interface SpanError {
  type: string;
  message: string;
}

/**
 * A span's error, if it failed: `error.type` first, then the recorded exception event, then the
 * status message. Undefined when the span did not fail.
 */
export function errorOf(span: StoredSpan): SpanError | undefined {
  const attributeType = span.SpanAttributes[OTEL.ERROR_TYPE];
  if (span.StatusCode !== 'ERROR' && attributeType === undefined) return undefined;
  const exceptionIndex = span.EventNames.indexOf(OTEL.EXCEPTION_EVENT);
  const exception = exceptionIndex >= 0 ? span.EventAttributes[exceptionIndex] : undefined;
  return {
    type: attributeType ?? exception?.[OTEL.EXCEPTION_TYPE] ?? '_OTHER',
    message: span.StatusMessage || exception?.[OTEL.EXCEPTION_MESSAGE] || '',
  };
}
