import type { DecodedSpan } from '../otlp/types.ts';
import { RowBinaryReader, RowBinaryWriter } from '../store/rowBinary.ts';
import { nanosToDateTime64 } from './nanos.ts';

/** The `spans` table's columns (Nested columns flattened), in the order writeSpanRow writes them: the column list of every spans insert. */
export const SPAN_COLUMNS: readonly string[] = [
  'TraceId',
  'SpanId',
  'ParentSpanId',
  'TraceState',
  'SpanName',
  'SpanKind',
  'ServiceName',
  'ResourceAttributes',
  'ScopeName',
  'ScopeVersion',
  'SpanAttributes',
  'StartTimeUnixNano',
  'EndTimeUnixNano',
  'StatusCode',
  'StatusMessage',
  'Events.Timestamp',
  'Events.Name',
  'Events.Attributes',
  'Links.TraceId',
  'Links.SpanId',
  'Links.TraceState',
  'Links.Attributes',
];

const resourceRows = new WeakMap<object, Buffer>();

/**
 * One span as a RowBinary row in SPAN_COLUMNS order: the one builder of span rows, what the spool
 * holds and the store inserts. It runs for every span on the request path. The resource's
 * attributes are shared by all its spans, so their bytes are made once.
 */
export function writeSpanRow(rows: RowBinaryWriter, span: DecodedSpan): void {
  rows.string(span.traceId);
  rows.string(span.spanId);
  rows.string(span.parentSpanId);
  rows.string(span.traceState);
  rows.string(span.name);
  rows.string(span.kind);
  rows.string(span.serviceName);
  let resource = resourceRows.get(span.resourceAttributes);
  if (resource === undefined) {
    const own = new RowBinaryWriter(256);
    own.stringMap(span.resourceAttributes);
    resource = Buffer.from(own.bytes());
    resourceRows.set(span.resourceAttributes, resource);
  }
  rows.raw(resource);
  rows.string(span.scopeName);
  rows.string(span.scopeVersion);
  rows.stringMap(span.attributes);
  rows.uInt64(span.startTimeUnixNano);
  rows.uInt64(span.endTimeUnixNano);
  rows.string(span.statusCode);
  rows.string(span.statusMessage);
  const { events, links } = span;
  // Events and links are rare: most spans write seven empty arrays, with no function made per span.
  rows.array(events, eventTime);
  rows.array(events, eventName);
  rows.array(events, eventAttributes);
  rows.array(links, linkTraceId);
  rows.array(links, linkSpanId);
  rows.array(links, linkTraceState);
  rows.array(links, linkAttributes);
}

type SpanEvent = DecodedSpan['events'][number];
type SpanLink = DecodedSpan['links'][number];
const eventTime = (rows: RowBinaryWriter, event: SpanEvent) => rows.uInt64(event.timeUnixNano);
const eventName = (rows: RowBinaryWriter, event: SpanEvent) => rows.string(event.name);
const eventAttributes = (rows: RowBinaryWriter, event: SpanEvent) => rows.stringMap(event.attributes);
const linkTraceId = (rows: RowBinaryWriter, link: SpanLink) => rows.string(link.traceId);
const linkSpanId = (rows: RowBinaryWriter, link: SpanLink) => rows.string(link.spanId);
const linkTraceState = (rows: RowBinaryWriter, link: SpanLink) => rows.string(link.traceState);
const linkAttributes = (rows: RowBinaryWriter, link: SpanLink) => rows.stringMap(link.attributes);

/**
 * One span row read back, as JSONCompactEachRow values in SPAN_COLUMNS order (event times as
 * DateTime64 text): for the rare paths that need it as text, such as a dead letter.
 */
export function readSpanRow(rows: RowBinaryReader): unknown[] {
  const strings = (count: number) => Array.from({ length: count }, () => rows.string());
  const values: unknown[] = strings(7);
  values.push(rows.stringMap(), rows.string(), rows.string(), rows.stringMap(), rows.uInt64(), rows.uInt64(), rows.string(), rows.string());
  values.push(Array.from({ length: rows.count() }, () => nanosToDateTime64(rows.uInt64())));
  values.push(strings(rows.count()));
  values.push(Array.from({ length: rows.count() }, () => rows.stringMap()));
  values.push(strings(rows.count()), strings(rows.count()), strings(rows.count()));
  values.push(Array.from({ length: rows.count() }, () => rows.stringMap()));
  return values;
}

/** The byte offset just after the `count`-th row from `from`. */
export function spanRowsEnd(rows: Buffer, count: number, from = 0): number {
  const reader = new RowBinaryReader(rows, from);
  for (let row = 0; row < count; row++) readSpanRow(reader);
  return reader.at;
}

/** A span's row is about this size; the writer grows if the rows are larger. */
const EXPECTED_ROW_BYTES = 1024;

/** Spans as RowBinary rows in SPAN_COLUMNS order. */
export function spanRows(spans: readonly DecodedSpan[]): Buffer {
  const rows = new RowBinaryWriter(spans.length * EXPECTED_ROW_BYTES);
  for (const span of spans) writeSpanRow(rows, span);
  return rows.bytes();
}
