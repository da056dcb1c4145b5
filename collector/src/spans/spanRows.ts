import type { DecodedSpan } from '../otlp/types.ts';
import { nanosToDateTime64 } from './nanos.ts';

/** The `spans` table's columns (Nested columns flattened), in the order spanRowJson writes them: the column list of every spans insert. */
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

const resourceJson = new WeakMap<object, string>();

/**
 * One span as a JSONCompactEachRow line in SPAN_COLUMNS order: the one builder of span rows. It
 * runs for every span on the request path, so it writes the JSON directly. Ids, kinds, status
 * codes and times were validated by the decoder (hex, enum names, digits), so they need no
 * escaping; the resource's attributes are shared by all its spans, so their JSON is made once.
 */
export function spanRowJson(span: DecodedSpan): string {
  let resource = resourceJson.get(span.resourceAttributes);
  if (resource === undefined) {
    resource = JSON.stringify(span.resourceAttributes);
    resourceJson.set(span.resourceAttributes, resource);
  }
  return (
    `["${span.traceId}","${span.spanId}","${span.parentSpanId}",${JSON.stringify(span.traceState)},${JSON.stringify(span.name)},"${span.kind}",` +
    `${JSON.stringify(span.serviceName)},${resource},${JSON.stringify(span.scopeName)},${JSON.stringify(span.scopeVersion)},` +
    `${JSON.stringify(span.attributes)},"${span.startTimeUnixNano}","${span.endTimeUnixNano}","${span.statusCode}",${JSON.stringify(span.statusMessage)},` +
    `${eventsJson(span)},${linksJson(span)}]`
  );
}

// Events and links are rare: most spans take the constant.
function eventsJson({ events }: DecodedSpan): string {
  if (events.length === 0) return '[],[],[]';
  return `${JSON.stringify(events.map((event) => nanosToDateTime64(event.timeUnixNano)))},${JSON.stringify(events.map((event) => event.name))},${JSON.stringify(events.map((event) => event.attributes))}`;
}

function linksJson({ links }: DecodedSpan): string {
  if (links.length === 0) return '[],[],[],[]';
  return `${JSON.stringify(links.map((link) => link.traceId))},${JSON.stringify(links.map((link) => link.spanId))},${JSON.stringify(links.map((link) => link.traceState))},${JSON.stringify(links.map((link) => link.attributes))}`;
}

/** Spans as JSONCompactEachRow text in SPAN_COLUMNS order: what the spool holds and the store inserts. */
export function spanRowsText(spans: readonly DecodedSpan[]): string {
  let text = '';
  for (const span of spans) text += spanRowJson(span) + '\n';
  return text;
}
