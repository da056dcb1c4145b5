import { attributesToRecord, DEFAULT_MAX_NESTING } from './attributeValues.ts';
import { spanKindName, statusCodeName } from './enumNames.ts';
import { OtlpDecodeError } from './OtlpDecodeError.ts';
import { InvalidField, listOf, objectOf, stringOf } from './otlpFields.ts';
import { optionalIdHex, requiredIdHex } from './spanIds.ts';
import type { DecodedEvent, DecodedLink, DecodedRequest, DecodedSpan } from './types.ts';
import { isBefore, unixNanos } from './unixNanos.ts';

/**
 * An ExportTraceServiceRequest down to the span lists, as protobufjs decodes it or as OTLP/JSON
 * parses once its containers are checked. Below that, every field is `unknown` and checked per span.
 */
export interface OtlpRequestLike {
  resourceSpans?: readonly ResourceSpansLike[] | null;
}
interface ResourceSpansLike {
  resource?: { attributes?: unknown } | null;
  scopeSpans?: readonly ScopeSpansLike[] | null;
}
interface ScopeSpansLike {
  scope?: { name?: unknown; version?: unknown } | null;
  spans?: readonly unknown[] | null;
}
interface SpanLike {
  traceId?: unknown;
  spanId?: unknown;
  traceState?: unknown;
  parentSpanId?: unknown;
  name?: unknown;
  kind?: unknown;
  startTimeUnixNano?: unknown;
  endTimeUnixNano?: unknown;
  attributes?: unknown;
  events?: unknown;
  links?: unknown;
  status?: { code?: unknown; message?: unknown } | null;
}
interface EventLike {
  timeUnixNano?: unknown;
  name?: unknown;
  attributes?: unknown;
}
interface LinkLike {
  traceId?: unknown;
  spanId?: unknown;
  traceState?: unknown;
  attributes?: unknown;
}

/** What every span of one scope shares. */
interface SpanOrigin {
  serviceName: string;
  resourceAttributes: Record<string, string>;
  scopeName: string;
  scopeVersion: string;
  /** Attribute values nested deeper reject their span. */
  maxNesting: number;
}

/** Enough reasons to diagnose a sender without letting a flood of bad spans bloat the response. */
export const MAX_REJECTION_REASONS = 10;

/**
 * OTLP request → valid spans, plus a count and reasons for the spans rejected one by one.
 * Spans of one resource share its `resourceAttributes` object: treat it as read-only.
 * Throws OtlpDecodeError when a resource or scope is unreadable, since none of its spans could be kept.
 */
export function otlpRequestToSpans(request: OtlpRequestLike, maxNesting = DEFAULT_MAX_NESTING): DecodedRequest {
  const result: DecodedRequest = { spans: [], rejectedSpans: 0, rejectionReasons: [] };
  const resourceSpansList = request.resourceSpans ?? [];
  for (let r = 0; r < resourceSpansList.length; r++) {
    const resourceSpans = resourceSpansList[r]!;
    const resourceAttributes = readWhole(
      () => attributesToRecord(resourceSpans.resource?.attributes, 'attributes', maxNesting),
      `resourceSpans[${r}].resource`,
    );
    const serviceName = resourceAttributes['service.name'] || 'unknown_service';
    const scopeSpansList = resourceSpans.scopeSpans ?? [];
    for (let s = 0; s < scopeSpansList.length; s++) {
      const { scope, spans } = scopeSpansList[s]!;
      const where = `resourceSpans[${r}].scopeSpans[${s}].scope`;
      const origin: SpanOrigin = {
        serviceName,
        resourceAttributes,
        scopeName: readWhole(() => stringOf(scope?.name, 'name'), where),
        scopeVersion: readWhole(() => stringOf(scope?.version, 'version'), where),
        maxNesting,
      };
      decodeScopeSpans(spans ?? [], origin, result);
    }
  }
  return result;
}

function decodeScopeSpans(spans: readonly unknown[], origin: SpanOrigin, result: DecodedRequest): void {
  for (let i = 0; i < spans.length; i++) {
    try {
      result.spans.push(decodeSpan(spans[i], origin));
    } catch (error) {
      if (!(error instanceof InvalidField)) throw error;
      result.rejectedSpans++;
      if (result.rejectionReasons.length < MAX_REJECTION_REASONS) {
        result.rejectionReasons.push(`span ${i} of scope ${JSON.stringify(origin.scopeName)}: ${error.reason}`);
      }
    }
  }
}

function decodeSpan(value: unknown, origin: SpanOrigin): DecodedSpan {
  const span = objectOf<SpanLike>(value, 'span');
  const traceId = requiredIdHex(span.traceId, 16, 'trace_id');
  const spanId = requiredIdHex(span.spanId, 8, 'span_id');
  const name = stringOf(span.name, 'name');
  if (name === '') throw new InvalidField('name is missing');
  const startTimeUnixNano = unixNanos(span.startTimeUnixNano, 'start_time_unix_nano');
  if (startTimeUnixNano === '0') throw new InvalidField('start_time_unix_nano is missing');
  const endTimeUnixNano = unixNanos(span.endTimeUnixNano, 'end_time_unix_nano');
  if (endTimeUnixNano === '0') throw new InvalidField('end_time_unix_nano is missing');
  if (isBefore(endTimeUnixNano, startTimeUnixNano)) {
    throw new InvalidField(`end_time_unix_nano ${endTimeUnixNano} is before start_time_unix_nano ${startTimeUnixNano}`);
  }
  const status = typeof span.status === 'object' ? span.status : undefined;
  return {
    traceId,
    spanId,
    parentSpanId: optionalIdHex(span.parentSpanId, 8, 'parent_span_id'),
    traceState: stringOf(span.traceState, 'trace_state'),
    name,
    kind: spanKindName(span.kind),
    startTimeUnixNano,
    endTimeUnixNano,
    statusCode: statusCodeName(status?.code),
    statusMessage: stringOf(status?.message, 'status.message'),
    attributes: attributesToRecord(span.attributes, 'attributes', origin.maxNesting),
    events: decodeEvents(span.events, origin.maxNesting),
    links: decodeLinks(span.links, origin.maxNesting),
    serviceName: origin.serviceName,
    resourceAttributes: origin.resourceAttributes,
    scopeName: origin.scopeName,
    scopeVersion: origin.scopeVersion,
  };
}

function decodeEvents(value: unknown, maxNesting: number): DecodedEvent[] {
  const events = listOf(value, 'events');
  const decoded: DecodedEvent[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const event = objectOf<EventLike>(events[i], `events[${i}]`);
    decoded[i] = {
      timeUnixNano: unixNanos(event.timeUnixNano, `events[${i}].time_unix_nano`),
      name: stringOf(event.name, `events[${i}].name`),
      attributes: attributesToRecord(event.attributes, `events[${i}].attributes`, maxNesting),
    };
  }
  return decoded;
}

/** A link is kept only whole: a link whose ids are unreadable points nowhere. */
function decodeLinks(value: unknown, maxNesting: number): DecodedLink[] {
  const links = listOf(value, 'links');
  const decoded: DecodedLink[] = new Array(links.length);
  for (let i = 0; i < links.length; i++) {
    const link = objectOf<LinkLike>(links[i], `links[${i}]`);
    decoded[i] = {
      traceId: requiredIdHex(link.traceId, 16, `links[${i}].trace_id`),
      spanId: requiredIdHex(link.spanId, 8, `links[${i}].span_id`),
      traceState: stringOf(link.traceState, `links[${i}].trace_state`),
      attributes: attributesToRecord(link.attributes, `links[${i}].attributes`, maxNesting),
    };
  }
  return decoded;
}

/** Resource and scope fields: a bad one there spoils every span below it, so the request is refused. */
function readWhole<T>(read: () => T, where: string): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof InvalidField)
      throw new OtlpDecodeError(`body is not a valid OTLP ExportTraceServiceRequest: ${where}: ${error.reason}`);
    throw error;
  }
}
