import { describe, expect, it } from 'vitest';
import { rejectImplausibleTimes } from './spanTimeBounds.ts';
import type { DecodedRequest, DecodedSpan } from './types.ts';

const NOW_MS = 1_764_000_000_000;
const bounds = { maxSpanAgeMs: 86_400_000, maxSpanFutureMs: 60_000 };
const nanos = (ms: number) => `${ms}000000`;

function span(spanId: string, startMs: number, endMs: number, eventMs: number[] = []): DecodedSpan {
  return {
    traceId: 'a'.repeat(32),
    spanId,
    parentSpanId: '',
    traceState: '',
    name: 'execute_tool lookup',
    kind: 'INTERNAL',
    startTimeUnixNano: nanos(startMs),
    endTimeUnixNano: nanos(endMs),
    statusCode: 'UNSET',
    statusMessage: '',
    attributes: {},
    events: eventMs.map((ms) => ({ timeUnixNano: nanos(ms), name: 'e', attributes: {} })),
    links: [],
    serviceName: 'svc',
    resourceAttributes: {},
    scopeName: '',
    scopeVersion: '',
  };
}

describe('rejectImplausibleTimes', () => {
  it('keeps spans whose start, end and events fall within the bounds, and names the time that does not of the others', () => {
    const request: DecodedRequest = {
      spans: [
        span('ok', NOW_MS - 1000, NOW_MS, [NOW_MS - 2000, NOW_MS + 30_000]),
        span('old', NOW_MS - 2 * 86_400_000, NOW_MS),
        span('endsahead', NOW_MS, NOW_MS + 120_000),
        span('eventahead', NOW_MS, NOW_MS, [NOW_MS, NOW_MS + 3_600_000]),
        span('eventold', NOW_MS, NOW_MS, [NOW_MS - 3 * 86_400_000]),
      ],
      rejectedSpans: 0,
      rejectionReasons: [],
    };
    rejectImplausibleTimes(request, bounds, NOW_MS);
    expect(request.spans.map((kept) => kept.spanId)).toEqual(['ok']);
    expect(request.rejectedSpans).toBe(4);
    expect(request.rejectionReasons).toEqual([
      'span old: starts at 2025-11-22T16:00:00.000Z, before the oldest time this collector accepts (2025-11-23T16:00:00.000Z; TRUMPETS_MAX_SPAN_AGE_DAYS)',
      'span endsahead: has a time of 2025-11-24T16:02:00.000Z, further in the future than this collector accepts (2025-11-24T16:01:00.000Z; TRUMPETS_MAX_SPAN_FUTURE_MINUTES)',
      'span eventahead: has a time of 2025-11-24T17:00:00.000Z, further in the future than this collector accepts (2025-11-24T16:01:00.000Z; TRUMPETS_MAX_SPAN_FUTURE_MINUTES)',
      'span eventold: has an event at 2025-11-21T16:00:00.000Z, before the oldest time this collector accepts',
    ]);
  });
});
