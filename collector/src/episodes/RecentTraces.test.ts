import { describe, expect, it } from 'vitest';
import { RecentTraces } from './RecentTraces.ts';
import type { StoredSpan } from './storedSpan.ts';

const span = (traceId: string, spanId: string): StoredSpan => ({
  TraceId: traceId,
  SpanId: spanId,
  ParentSpanId: '',
  SpanName: 's',
  ServiceName: 'svc',
  SpanAttributes: {},
  StartTimeUnixNano: '1',
  EndTimeUnixNano: '2',
  StatusCode: 'UNSET',
  StatusMessage: '',
  EventNames: [],
  EventTimesUnixNano: [],
  EventAttributes: [],
});

const options = { retainMs: 1000, maxSpans: 3, maxEvictedIds: 10 };

describe('RecentTraces', () => {
  it('assembles a new trace from memory without reading the store', () => {
    const recent = new RecentTraces(options);
    recent.add([span('t1', 'a'), span('t1', 'b'), span('t1', 'a')], 0);
    expect(recent.needingReadBack(['t1'])).toEqual([]);
    expect(recent.spansOf('t1').map((s) => s.SpanId)).toEqual(['a', 'b']);
  });

  it('reads back a trace that gets a late span after it was evicted, and keeps both halves', () => {
    const recent = new RecentTraces(options);
    recent.add([span('t1', 'a')], 0);
    recent.evict(5000);
    expect(recent.stats).toEqual({ traces: 0, spans: 0 });
    recent.add([span('t1', 'late')], 6000);
    expect(recent.needingReadBack(['t1'])).toEqual(['t1']);
    recent.mergeReadBack([span('t1', 'a'), span('t1', 'late')], ['t1']);
    expect(
      recent
        .spansOf('t1')
        .map((s) => s.SpanId)
        .sort(),
    ).toEqual(['a', 'late']);
    expect(recent.needingReadBack(['t1'])).toEqual([]);
  });

  it('evicts the least recently touched traces first when over the span cap', () => {
    const recent = new RecentTraces(options);
    recent.add([span('old', 'a'), span('old', 'b')], 0);
    recent.add([span('new', 'c')], 10);
    recent.add([span('old', 'd')], 20);
    recent.add([span('newest', 'e')], 30);
    recent.evict(40);
    expect(recent.spansOf('new')).toEqual([]);
    expect(recent.stats.spans).toBeLessThanOrEqual(3);
  });

  it('reads back traces first seen right after a restart, and not later', () => {
    const recent = new RecentTraces(options);
    recent.readBackNewTracesUntil(100);
    recent.add([span('during', 'a')], 50);
    recent.add([span('after', 'b')], 150);
    expect(recent.needingReadBack(['during', 'after'])).toEqual(['during']);
  });
});
