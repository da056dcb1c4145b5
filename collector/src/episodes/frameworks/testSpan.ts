import type { StoredSpan } from '../storedSpan.ts';

/** A stored span for mapping tests: one trace, 250 ms long, attributes as the store keeps them (strings). */
export function testSpan(
  spanId: string,
  parentSpanId: string,
  attributes: Record<string, string | number>,
  extra: Partial<StoredSpan> = {},
): StoredSpan {
  return {
    TraceId: 'f'.repeat(32),
    SpanId: spanId,
    ParentSpanId: parentSpanId,
    SpanName: spanId,
    ServiceName: 'weather-app',
    SpanAttributes: Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, String(value)])),
    StartTimeUnixNano: '1764547200000000000',
    EndTimeUnixNano: '1764547200250000000',
    StatusCode: 'UNSET',
    StatusMessage: '',
    EventNames: [],
    EventTimesUnixNano: [],
    EventAttributes: [],
    ...extra,
  };
}
