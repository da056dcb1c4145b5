import { describe, expect, it } from 'vitest';
import type { DecodedSpan } from '../otlp/types.ts';
import { RowBinaryReader } from '../store/rowBinary.ts';
import { readSpanRow, SPAN_COLUMNS, spanRows, spanRowsEnd } from './spanRows.ts';

const resource = { 'service.name': 'support "bot"', 'host.name': 'h1' };
const base: DecodedSpan = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  parentSpanId: '',
  traceState: 'k=v',
  name: 'execute_tool "lookup"\n',
  kind: 'INTERNAL',
  startTimeUnixNano: '1764000000000000001',
  endTimeUnixNano: '1764000000000000002',
  statusCode: 'ERROR',
  statusMessage: 'boom \\ \u2028 é',
  attributes: { 'gen_ai.tool.name': 'lookup', quote: '"', emoji: '🎺' },
  events: [],
  links: [],
  serviceName: 'support "bot"',
  resourceAttributes: resource,
  scopeName: 'scope',
  scopeVersion: '1.0',
};

/** A span written as a row and read back, by column. */
const columns = (span: DecodedSpan) => {
  const values = readSpanRow(new RowBinaryReader(spanRows([span])));
  return Object.fromEntries(SPAN_COLUMNS.map((column, i) => [column, values[i]]));
};

describe('span rows', () => {
  it('write one value per column, in column order, and read back unchanged', () => {
    expect(columns(base)).toEqual({
      TraceId: base.traceId,
      SpanId: base.spanId,
      ParentSpanId: '',
      TraceState: 'k=v',
      SpanName: 'execute_tool "lookup"\n',
      SpanKind: 'INTERNAL',
      ServiceName: 'support "bot"',
      ResourceAttributes: resource,
      ScopeName: 'scope',
      ScopeVersion: '1.0',
      SpanAttributes: base.attributes,
      StartTimeUnixNano: '1764000000000000001',
      EndTimeUnixNano: '1764000000000000002',
      StatusCode: 'ERROR',
      StatusMessage: 'boom \\ \u2028 é',
      'Events.Timestamp': [],
      'Events.Name': [],
      'Events.Attributes': [],
      'Links.TraceId': [],
      'Links.SpanId': [],
      'Links.TraceState': [],
      'Links.Attributes': [],
    });
  });

  it('flatten events (read back with times as DateTime64 text) and links into their Nested columns', () => {
    const row = columns({
      ...base,
      events: [{ timeUnixNano: '1764000000000000001', name: 'exception', attributes: { 'exception.message': 'x "y"' } }],
      links: [{ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceState: '', attributes: { k: 'v' } }],
    });
    expect(row['Events.Timestamp']).toEqual(['1764000000.000000001']);
    expect(row['Events.Name']).toEqual(['exception']);
    expect(row['Events.Attributes']).toEqual([{ 'exception.message': 'x "y"' }]);
    expect(row['Links.TraceId']).toEqual(['a'.repeat(32)]);
    expect(row['Links.SpanId']).toEqual(['b'.repeat(16)]);
    expect(row['Links.TraceState']).toEqual(['']);
    expect(row['Links.Attributes']).toEqual([{ k: 'v' }]);
  });

  it('find the end of any row; a span writes the same bytes each time', () => {
    const other = { ...base, spanId: 'c'.repeat(16), events: [{ timeUnixNano: '5', name: 'e', attributes: {} }] };
    const rows = spanRows([base, other, base]);
    const first = spanRowsEnd(rows, 1);
    expect(spanRowsEnd(rows, 1, first)).toBe(spanRowsEnd(rows, 2));
    expect(spanRowsEnd(rows, 3)).toBe(rows.length);
    expect(readSpanRow(new RowBinaryReader(rows, first))[1]).toBe('c'.repeat(16));
    expect(rows.subarray(0, first).equals(rows.subarray(spanRowsEnd(rows, 2)))).toBe(true);
  });
});
