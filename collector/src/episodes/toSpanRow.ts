import type { DecodedSpan } from '../otlp/types.ts';
import { nanosToDateTime64 } from './nanos.ts';

/** A `spans` table row, as inserted (JSONEachRow; Nested columns flattened). */
export interface SpanRow {
  TraceId: string;
  SpanId: string;
  ParentSpanId: string;
  TraceState: string;
  SpanName: string;
  SpanKind: string;
  ServiceName: string;
  ResourceAttributes: Record<string, string>;
  ScopeName: string;
  ScopeVersion: string;
  SpanAttributes: Record<string, string>;
  StartTimeUnixNano: string;
  EndTimeUnixNano: string;
  StatusCode: string;
  StatusMessage: string;
  'Events.Timestamp': string[];
  'Events.Name': string[];
  'Events.Attributes': Array<Record<string, string>>;
  'Links.TraceId': string[];
  'Links.SpanId': string[];
  'Links.TraceState': string[];
  'Links.Attributes': Array<Record<string, string>>;
}

export function toSpanRow(span: DecodedSpan): SpanRow {
  return {
    TraceId: span.traceId,
    SpanId: span.spanId,
    ParentSpanId: span.parentSpanId,
    TraceState: span.traceState,
    SpanName: span.name,
    SpanKind: span.kind,
    ServiceName: span.serviceName,
    ResourceAttributes: span.resourceAttributes,
    ScopeName: span.scopeName,
    ScopeVersion: span.scopeVersion,
    SpanAttributes: span.attributes,
    StartTimeUnixNano: span.startTimeUnixNano,
    EndTimeUnixNano: span.endTimeUnixNano,
    StatusCode: span.statusCode,
    StatusMessage: span.statusMessage,
    'Events.Timestamp': span.events.map((event) => nanosToDateTime64(event.timeUnixNano)),
    'Events.Name': span.events.map((event) => event.name),
    'Events.Attributes': span.events.map((event) => event.attributes),
    'Links.TraceId': span.links.map((link) => link.traceId),
    'Links.SpanId': span.links.map((link) => link.spanId),
    'Links.TraceState': span.links.map((link) => link.traceState),
    'Links.Attributes': span.links.map((link) => link.attributes),
  };
}

/** The spans table's columns in SpanRow order: the column list of every spans insert. */
export const SPAN_COLUMNS: readonly string[] = Object.keys(toSpanRow({
  traceId: '', spanId: '', parentSpanId: '', traceState: '', name: '', kind: '', startTimeUnixNano: '0', endTimeUnixNano: '0',
  statusCode: '', statusMessage: '', attributes: {}, events: [], links: [], serviceName: '', resourceAttributes: {}, scopeName: '', scopeVersion: '',
}));

/** Spans as JSONCompactEachRow text in SPAN_COLUMNS order: what the spool holds and the store inserts. */
export function spanRowsText(spans: readonly DecodedSpan[]): string {
  let text = '';
  for (const span of spans) text += JSON.stringify(Object.values(toSpanRow(span))) + '\n';
  return text;
}
