import type { DecodedSpan } from '../otlp/types.ts';
import type { StoredSpan } from './storedSpan.ts';

/** A just-decoded span in the shape the assembler reads back from the store, so both paths assemble alike. */
export function toStoredSpan(span: DecodedSpan): StoredSpan {
  return {
    TraceId: span.traceId,
    SpanId: span.spanId,
    ParentSpanId: span.parentSpanId,
    SpanName: span.name,
    ServiceName: span.serviceName,
    SpanAttributes: span.attributes,
    StartTimeUnixNano: span.startTimeUnixNano,
    EndTimeUnixNano: span.endTimeUnixNano,
    StatusCode: span.statusCode,
    StatusMessage: span.statusMessage,
    EventNames: span.events.map((event) => event.name),
    EventTimesUnixNano: span.events.map((event) => event.timeUnixNano),
    EventAttributes: span.events.map((event) => event.attributes),
  };
}
