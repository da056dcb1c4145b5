import { MAX_REJECTION_REASONS } from './otlpRequestToSpans.ts';
import type { DecodedRequest, DecodedSpan } from './types.ts';
import { isBefore } from './unixNanos.ts';

export interface SpanTimeBounds {
  /** Spans that started longer ago than this are refused (a backfill past retention, a unit error). */
  maxSpanAgeMs: number;
  /** Spans that start or end further ahead than this are refused (a client clock far off). */
  maxSpanFutureMs: number;
}

const NANOS_PER_MS = 1_000_000n;

/**
 * Takes the spans whose times are implausible out of a decoded request, in place, and counts
 * them as rejected with a reason, so the sender learns of it through partial_success. The spans
 * table is partitioned by day: a span from 1970 or 2079 would create a partition of its own, and
 * a request spread over years would create more partitions than one insert may.
 */
export function rejectImplausibleTimes(decoded: DecodedRequest, bounds: SpanTimeBounds, nowMs = Date.now()): void {
  // As canonical decimal strings, the form span times take: compared without a number per span.
  const earliest = String(BigInt(Math.max(0, nowMs - bounds.maxSpanAgeMs)) * NANOS_PER_MS);
  const latest = String(BigInt(nowMs + bounds.maxSpanFutureMs) * NANOS_PER_MS);
  const kept: DecodedSpan[] = [];
  for (const span of decoded.spans) {
    const problem = timeProblem(span, earliest, latest);
    if (problem === undefined) {
      kept.push(span);
      continue;
    }
    decoded.rejectedSpans += 1;
    if (decoded.rejectionReasons.length < MAX_REJECTION_REASONS) decoded.rejectionReasons.push(`span ${span.spanId}: ${problem}`);
  }
  decoded.spans = kept;
}

function timeProblem(span: DecodedSpan, earliest: string, latest: string): string | undefined {
  const start = span.startTimeUnixNano;
  if (isBefore(start, earliest))
    return `starts at ${isoOf(start)}, before the oldest time this collector accepts (${isoOf(earliest)}; TRUMPETS_MAX_SPAN_AGE_DAYS)`;
  let last = isBefore(start, span.endTimeUnixNano) ? span.endTimeUnixNano : start;
  let firstEvent = start;
  for (const { timeUnixNano } of span.events) {
    if (isBefore(last, timeUnixNano)) last = timeUnixNano;
    if (isBefore(timeUnixNano, firstEvent)) firstEvent = timeUnixNano;
  }
  if (isBefore(latest, last))
    return `has a time of ${isoOf(last)}, further in the future than this collector accepts (${isoOf(latest)}; TRUMPETS_MAX_SPAN_FUTURE_MINUTES)`;
  if (isBefore(firstEvent, earliest)) return `has an event at ${isoOf(firstEvent)}, before the oldest time this collector accepts`;
  return undefined;
}

function isoOf(nanosText: string): string {
  const nanos = BigInt(nanosText);
  const ms = Number(nanos / NANOS_PER_MS);
  return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : `${nanos} ns`;
}
