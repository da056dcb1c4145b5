import { ExportTraceServiceRequest } from '../otlp/traceSchema.ts';

/** Hand-made OTLP requests for tests that need exact control: odd orders, bad spans, retries. */
export interface TestSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  startNanos?: bigint;
  durationNanos?: bigint;
  attributes?: Record<string, string | number>;
  status?: { code: 1 | 2; message?: string };
  events?: Array<{ name: string; attributes: Record<string, string | number> }>;
}

const BASE_NANOS = 1_764_000_000_000_000_000n;

/** An OTLP/JSON ExportTraceServiceRequest (ids as hex, as the JSON mapping says). */
export function otlpJson(spans: readonly TestSpan[], serviceName = 'test-agent') {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: serviceName } }] },
        scopeSpans: [
          {
            scope: { name: 'test' },
            spans: spans.map((span) => {
              const start = span.startNanos ?? BASE_NANOS;
              return {
                traceId: span.traceId,
                spanId: span.spanId,
                parentSpanId: span.parentSpanId ?? '',
                name: span.name,
                kind: 1,
                startTimeUnixNano: String(start),
                endTimeUnixNano: String(start + (span.durationNanos ?? 100_000_000n)),
                attributes: keyValues(span.attributes ?? {}),
                events: (span.events ?? []).map((event) => ({
                  timeUnixNano: String(start),
                  name: event.name,
                  attributes: keyValues(event.attributes),
                })),
                status: span.status ?? {},
              };
            }),
          },
        ],
      },
    ],
  };
}

/** The same request in protobuf: ids become bytes, as the binary encoding wants. */
export function otlpProtobuf(spans: readonly TestSpan[], serviceName = 'test-agent'): Buffer {
  const request = otlpJson(spans, serviceName);
  for (const scopeSpans of request.resourceSpans[0]!.scopeSpans) {
    for (const span of scopeSpans.spans as Array<Record<string, unknown>>) {
      for (const field of ['traceId', 'spanId', 'parentSpanId']) span[field] = Buffer.from(String(span[field]), 'hex');
    }
  }
  const message = ExportTraceServiceRequest.fromObject(request);
  return Buffer.from(ExportTraceServiceRequest.encode(message).finish());
}

function keyValues(attributes: Record<string, string | number>) {
  return Object.entries(attributes).map(([key, value]) => ({
    key,
    value:
      typeof value === 'number' ? (Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value }) : { stringValue: value },
  }));
}

/** A random id of `bytes` bytes, as hex. */
export function randomHexId(bytes: 8 | 16): string {
  let id = '';
  for (let i = 0; i < bytes; i++)
    id += Math.floor(Math.random() * 256)
      .toString(16)
      .padStart(2, '0');
  return id;
}
