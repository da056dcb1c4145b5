import type { DecodedSpan } from '../otlp/types.ts';
import { spanRows, spanRowsEnd } from '../spans/spanRows.ts';

/** How a record's rows are written: RowBinary since rows became binary; JSONCompactEachRow lines in records from before. */
export type SpanRowFormat = 'RowBinary' | 'JSONCompactEachRow';

/** Rows of spans that start on one day (UTC): the spans table's partition, so one insert of them touches one partition. */
export interface DayRows {
  /** Days since the Unix epoch; `undefined` for records written before rows were grouped. */
  day: number | undefined;
  rows: number;
  format: SpanRowFormat;
  /** The rows in SPAN_COLUMNS order, ready to insert unchanged. */
  data: Buffer;
}

/** One day's rows as the request path writes them: always RowBinary, always of a day. */
export type NewDayRows = Omit<DayRows, 'day' | 'format'> & { day: number };

const NANOS_DIGITS_PER_SECOND = 9;

/** The UTC day a span starts on, from its decimal nanoseconds. */
export function startDay(startTimeUnixNano: string): number {
  const seconds = startTimeUnixNano.length > NANOS_DIGITS_PER_SECOND ? Number(startTimeUnixNano.slice(0, -NANOS_DIGITS_PER_SECOND)) : 0;
  return Math.floor(seconds / 86_400);
}

/** Spans as RowBinary rows grouped by their start day (almost always one group). */
export function spanRowsByDay(spans: readonly DecodedSpan[]): NewDayRows[] {
  const byDay = new Map<number, DecodedSpan[]>();
  for (const span of spans) {
    const day = startDay(span.startTimeUnixNano);
    const group = byDay.get(day);
    if (group) group.push(span);
    else byDay.set(day, [span]);
  }
  // Each day's rows sized by its own spans: a request spread over many days allocates no more than one of one day.
  return [...byDay].map(([day, group]) => ({ day, rows: group.length, data: spanRows(group) }));
}

/**
 * What one spool record holds: a header line with the trace ids it touches (so the assembler can
 * be told after the rows are stored), the rows' format, and each day's row count and bytes; then
 * the rows, day by day.
 */
export function encodeSpanBatch(traceIds: readonly string[], groups: readonly NewDayRows[]): Buffer {
  const format: SpanRowFormat = 'RowBinary';
  const header = JSON.stringify({ traceIds, format, days: groups.map((group) => [group.day, group.rows, group.data.length]) });
  return Buffer.concat([Buffer.from(`${header}\n`), ...groups.map((group) => group.data)]);
}

type BatchHeader =
  | { traceIds: string[]; format: 'RowBinary'; days: Array<[number, number, number]> }
  | { traceIds: string[]; format?: undefined; days: Array<[number, number]> }
  | string[];

export function decodeSpanBatch(payload: Buffer): { traceIds: string[]; groups: DayRows[] } {
  const newline = payload.indexOf(10);
  const header = JSON.parse(payload.subarray(0, newline).toString()) as BatchHeader;
  const rows = payload.subarray(newline + 1);
  // Records from before grouping: a bare list of trace ids, JSON lines of any days.
  if (Array.isArray(header))
    return { traceIds: header, groups: [{ day: undefined, rows: countLines(rows), format: 'JSONCompactEachRow', data: rows }] };
  const groups: DayRows[] = [];
  let at = 0;
  if (header.format === 'RowBinary') {
    for (const [day, count, bytes] of header.days) {
      groups.push({ day, rows: count, format: 'RowBinary', data: rows.subarray(at, at + bytes) });
      at += bytes;
    }
  } else {
    for (const [day, count] of header.days) {
      const end = lineBoundary(rows, count, at);
      groups.push({ day, rows: count, format: 'JSONCompactEachRow', data: rows.subarray(at, end) });
      at = end;
    }
  }
  return { traceIds: header.traceIds, groups };
}

/** The offset just after the `count`-th row from the start, in rows of either format. */
export function rowsBoundary(format: SpanRowFormat, rows: Buffer, count: number): number {
  return format === 'RowBinary' ? spanRowsEnd(rows, count) : lineBoundary(rows, count);
}

function countLines(text: Buffer): number {
  let lines = 0;
  for (let at = text.indexOf(10); at >= 0; at = text.indexOf(10, at + 1)) lines += 1;
  return lines;
}

/** The offset just after the `lines`-th newline from `from`. */
function lineBoundary(text: Buffer, lines: number, from = 0): number {
  let at = from - 1;
  for (let seen = 0; seen < lines; seen++) at = text.indexOf(10, at + 1);
  return at + 1;
}
