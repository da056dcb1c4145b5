/**
 * One span as the collector sees it after decoding OTLP (protobuf or JSON): ids as lowercase hex,
 * times as nanosecond decimal strings (they overflow JS numbers), attribute values as strings
 * (scalars as written, arrays and maps as JSON), as stored in ClickHouse `Map(LowCardinality(String), String)`.
 */
export interface DecodedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  traceState: string;
  name: string;
  /** OTLP SpanKind name without prefix: INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER or UNSPECIFIED. */
  kind: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  /** UNSET, OK or ERROR. */
  statusCode: string;
  statusMessage: string;
  attributes: Record<string, string>;
  events: DecodedEvent[];
  links: DecodedLink[];
  serviceName: string;
  resourceAttributes: Record<string, string>;
  scopeName: string;
  scopeVersion: string;
}

export interface DecodedEvent {
  timeUnixNano: string;
  name: string;
  attributes: Record<string, string>;
}

export interface DecodedLink {
  traceId: string;
  spanId: string;
  traceState: string;
  attributes: Record<string, string>;
}

/** What decoding one request yields: the spans that are valid, and a count and reasons for the rest. */
export interface DecodedRequest {
  spans: DecodedSpan[];
  rejectedSpans: number;
  /** Human-readable reasons, one per rejected span (capped by the decoder). */
  rejectionReasons: string[];
}
