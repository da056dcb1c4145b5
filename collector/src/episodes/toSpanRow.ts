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
export const SPAN_COLUMNS: readonly string[] = Object.keys(
  toSpanRow({
    traceId: '',
    spanId: '',
    parentSpanId: '',
    traceState: '',
    name: '',
    kind: '',
    startTimeUnixNano: '0',
    endTimeUnixNano: '0',
    statusCode: '',
    statusMessage: '',
    attributes: {},
    events: [],
    links: [],
    serviceName: '',
    resourceAttributes: {},
    scopeName: '',
    scopeVersion: '',
  }),
);

const resourceJson = new WeakMap<object, string>();

/**
 * One span as a JSONCompactEachRow line in SPAN_COLUMNS order, written directly rather than
 * through toSpanRow: this runs for every span on the request path. Ids, kinds, status codes and
 * times were validated by the decoder (hex, enum names, digits), so they need no escaping; the
 * resource's attributes are shared by all its spans, so their JSON is made once.
 */
export function spanRowJson(span: DecodedSpan): string {
  let resource = resourceJson.get(span.resourceAttributes);
  if (resource === undefined) {
    resource = JSON.stringify(span.resourceAttributes);
    resourceJson.set(span.resourceAttributes, resource);
  }
  // Events and links are rare: only then is the full row built, once, for their columns.
  const row = span.events.length === 0 && span.links.length === 0 ? undefined : toSpanRow(span);
  const events = row ? eventsJson(row) : '[],[],[]';
  const links = row ? linksJson(row) : '[],[],[],[]';
  return (
    `["${span.traceId}","${span.spanId}","${span.parentSpanId}",${JSON.stringify(span.traceState)},${JSON.stringify(span.name)},"${span.kind}",` +
    `${JSON.stringify(span.serviceName)},${resource},${JSON.stringify(span.scopeName)},${JSON.stringify(span.scopeVersion)},` +
    `${JSON.stringify(span.attributes)},"${span.startTimeUnixNano}","${span.endTimeUnixNano}","${span.statusCode}",${JSON.stringify(span.statusMessage)},` +
    `${events},${links}]`
  );
}

function eventsJson(row: SpanRow): string {
  return `${JSON.stringify(row['Events.Timestamp'])},${JSON.stringify(row['Events.Name'])},${JSON.stringify(row['Events.Attributes'])}`;
}

function linksJson(row: SpanRow): string {
  return `${JSON.stringify(row['Links.TraceId'])},${JSON.stringify(row['Links.SpanId'])},${JSON.stringify(row['Links.TraceState'])},${JSON.stringify(row['Links.Attributes'])}`;
}

/** Spans as JSONCompactEachRow text in SPAN_COLUMNS order: what the spool holds and the store inserts. */
export function spanRowsText(spans: readonly DecodedSpan[]): string {
  let text = '';
  for (const span of spans) text += spanRowJson(span) + '\n';
  return text;
}
