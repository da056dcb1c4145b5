import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecodedSpan } from '../otlp/types.ts';
import { runMigrations } from '../store/migrations.ts';
import type { Store } from '../store/Store.ts';
import { storeBackends } from '../testing/storeBackends.ts';
import { SPAN_COLUMNS, spanRows } from './spanRows.ts';

const long = `${'é'.repeat(100)} tab\there\nnewline 🎺`;
const span: DecodedSpan = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  parentSpanId: '00f067aa0ba902b7',
  traceState: 'k=v',
  name: 'execute_tool lookup',
  kind: 'CLIENT',
  // Past 2^63 and 2^53: the whole UInt64 arrives.
  startTimeUnixNano: '1764000000123456789',
  endTimeUnixNano: '18446744073709551615',
  statusCode: 'ERROR',
  statusMessage: long,
  attributes: { 'gen_ai.tool.name': 'lookup', 'gen_ai.operation.name': 'execute_tool', text: long },
  events: [
    { timeUnixNano: '1764000000500000001', name: 'exception', attributes: { 'exception.message': long } },
    { timeUnixNano: '1764000000600000000', name: 'trumpets.source', attributes: {} },
  ],
  links: [{ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceState: 'x=y', attributes: { k: 'v' } }],
  serviceName: 'support',
  resourceAttributes: { 'service.name': 'support', 'host.name': 'h1' },
  scopeName: 'scope',
  scopeVersion: '1.0',
};

/** What a reader of the spans table gets back, derived columns included. */
const READ_BACK = `SELECT TraceId, SpanId, ParentSpanId, TraceState, SpanName, SpanKind, ServiceName, ResourceAttributes, ScopeName, ScopeVersion,
  SpanAttributes, toString(StartTimeUnixNano) AS start, toString(EndTimeUnixNano) AS end, toString(Timestamp, 'UTC') AS timestamp, ToolName,
  StatusCode, StatusMessage, arrayMap(t -> toString(t, 'UTC'), Events.Timestamp) AS eventTimes, Events.Name AS eventNames,
  Events.Attributes AS eventAttributes, Links.TraceId AS linkTraces, Links.SpanId AS linkSpans, Links.TraceState AS linkStates,
  Links.Attributes AS linkAttributes
  FROM spans FINAL`;

const backends = storeBackends();

describe.each(backends)('span rows in the store: $name', ({ open }) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ store, cleanup } = await open());
    await runMigrations(store);
  });
  afterAll(async () => {
    await store.close();
    await cleanup();
  });

  it('stores every column of a binary row as sent: long and multi-line text, the whole UInt64, events and links', async () => {
    await store.insertRowBinary('spans', SPAN_COLUMNS, spanRows([span, { ...span, spanId: 'c'.repeat(16), events: [], links: [] }]));
    const rows = await store.query<Record<string, unknown>>(`${READ_BACK} WHERE TraceId = {traceId:String} ORDER BY SpanId`, {
      traceId: span.traceId,
    });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      TraceId: span.traceId,
      SpanId: span.spanId,
      ParentSpanId: span.parentSpanId,
      TraceState: 'k=v',
      SpanName: 'execute_tool lookup',
      SpanKind: 'CLIENT',
      ServiceName: 'support',
      ResourceAttributes: span.resourceAttributes,
      ScopeName: 'scope',
      ScopeVersion: '1.0',
      SpanAttributes: span.attributes,
      start: '1764000000123456789',
      end: '18446744073709551615',
      timestamp: '2025-11-24 16:00:00.123456789',
      ToolName: 'lookup',
      StatusCode: 'ERROR',
      StatusMessage: long,
      eventTimes: ['2025-11-24 16:00:00.500000001', '2025-11-24 16:00:00.600000000'],
      eventNames: ['exception', 'trumpets.source'],
      eventAttributes: [{ 'exception.message': long }, {}],
      linkTraces: ['a'.repeat(32)],
      linkSpans: ['b'.repeat(16)],
      linkStates: ['x=y'],
      linkAttributes: [{ k: 'v' }],
    });
    expect(rows[1]).toMatchObject({ SpanId: 'c'.repeat(16), eventTimes: [], linkTraces: [], SpanAttributes: span.attributes });
  });
});
