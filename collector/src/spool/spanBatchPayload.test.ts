import { describe, expect, it } from 'vitest';
import type { DecodedSpan } from '../otlp/types.ts';
import { readSpanRow, SPAN_COLUMNS } from '../spans/spanRows.ts';
import { RowBinaryReader } from '../store/rowBinary.ts';
import { decodeSpanBatch, encodeSpanBatch, spanRowsByDay } from './spanBatchPayload.ts';

const DAY_NANOS = 86_400_000_000_000n;

function spanOnDay(day: number, index: number): DecodedSpan {
  return {
    traceId: 'a'.repeat(32),
    spanId: index.toString(16).padStart(16, '0'),
    parentSpanId: '',
    traceState: '',
    name: 'execute_tool lookup',
    kind: 'INTERNAL',
    startTimeUnixNano: String(BigInt(day) * DAY_NANOS + 1n),
    endTimeUnixNano: String(BigInt(day) * DAY_NANOS + 2n),
    statusCode: 'UNSET',
    statusMessage: '',
    attributes: { 'gen_ai.operation.name': 'execute_tool' },
    events: [],
    links: [],
    serviceName: 'svc',
    resourceAttributes: { 'service.name': 'svc' },
    scopeName: '',
    scopeVersion: '',
  };
}

describe('span batch payloads', () => {
  it('group rows by start day and read back as written: days, row counts and every row', () => {
    const spans = [spanOnDay(20_000, 1), spanOnDay(20_001, 2), spanOnDay(20_000, 3)];
    const { traceIds, groups } = decodeSpanBatch(encodeSpanBatch(['a'.repeat(32)], spanRowsByDay(spans)));
    expect(traceIds).toEqual(['a'.repeat(32)]);
    expect(groups.map(({ day, rows, format }) => ({ day, rows, format }))).toEqual([
      { day: 20_000, rows: 2, format: 'RowBinary' },
      { day: 20_001, rows: 1, format: 'RowBinary' },
    ]);
    const spanIds = groups.map((group) => {
      const reader = new RowBinaryReader(group.data);
      const ids: unknown[] = [];
      while (!reader.done) ids.push(readSpanRow(reader)[SPAN_COLUMNS.indexOf('SpanId')]);
      return ids;
    });
    expect(spanIds).toEqual([[spans[0]!.spanId, spans[2]!.spanId], [spans[1]!.spanId]]);
  });

  it('allocate for a request spread over many days no more than for one of one day', () => {
    const spread = Array.from({ length: 300 }, (_, i) => spanOnDay(20_000 - i, i));
    const groups = spanRowsByDay(spread);
    expect(groups).toHaveLength(300);
    const buffers = new Set(groups.map((group) => group.data.buffer));
    const allocated = [...buffers].reduce((bytes, buffer) => bytes + buffer.byteLength, 0);
    expect(allocated).toBeLessThan(2 * 1024 * 1024);
  });
});
