/** A span as read back by `queries/trace_spans.sql`: the input of episode assembly. */
export interface StoredSpan {
  TraceId: string;
  SpanId: string;
  ParentSpanId: string;
  SpanName: string;
  ServiceName: string;
  SpanAttributes: Record<string, string>;
  StartTimeUnixNano: string;
  EndTimeUnixNano: string;
  StatusCode: string;
  StatusMessage: string;
  EventNames: string[];
  EventTimesUnixNano: string[];
  EventAttributes: Array<Record<string, string>>;
}
