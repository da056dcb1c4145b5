import type { DecodedSpan } from '../otlp/types.ts';
import { spanRowJson } from '../spans/spanRows.ts';

/** Rows of spans that start on one day (UTC): the spans table's partition, so one insert of them touches one partition. */
export interface DayRows {
  /** Days since the Unix epoch; `undefined` for records written before rows were grouped. */
  day: number | undefined;
  rows: number;
  /** JSONCompactEachRow lines in SPAN_COLUMNS order, ready to insert unchanged. */
  text: Buffer;
}

const NANOS_DIGITS_PER_SECOND = 9;

/** The UTC day a span starts on, from its decimal nanoseconds. */
export function startDay(startTimeUnixNano: string): number {
  const seconds = startTimeUnixNano.length > NANOS_DIGITS_PER_SECOND ? Number(startTimeUnixNano.slice(0, -NANOS_DIGITS_PER_SECOND)) : 0;
  return Math.floor(seconds / 86_400);
}

/** Spans as rows grouped by their start day (almost always one group). */
export function spanRowsByDay(spans: readonly DecodedSpan[]): Array<{ day: number; rows: number; text: string }> {
  const groups = new Map<number, { day: number; rows: number; text: string }>();
  for (const span of spans) {
    const day = startDay(span.startTimeUnixNano);
    let group = groups.get(day);
    if (!group) groups.set(day, (group = { day, rows: 0, text: '' }));
    group.rows += 1;
    group.text += spanRowJson(span) + '\n';
  }
  return [...groups.values()];
}

/**
 * What one spool record holds: a header line with the trace ids it touches (so the assembler can
 * be told after the rows are stored) and the row count of each day, then the rows, day by day.
 */
export function encodeSpanBatch(traceIds: readonly string[], groups: ReadonlyArray<{ day: number; rows: number; text: string }>): Buffer {
  const header = JSON.stringify({ traceIds, days: groups.map((group) => [group.day, group.rows]) });
  return Buffer.from(`${header}\n${groups.map((group) => group.text).join('')}`);
}

export function decodeSpanBatch(payload: Buffer): { traceIds: string[]; groups: DayRows[] } {
  const newline = payload.indexOf(10);
  const header = JSON.parse(payload.subarray(0, newline).toString()) as string[] | { traceIds: string[]; days: Array<[number, number]> };
  const rows = payload.subarray(newline + 1);
  // Records from before grouping: a bare list of trace ids, rows of any days.
  if (Array.isArray(header)) return { traceIds: header, groups: [{ day: undefined, rows: countLines(rows), text: rows }] };
  const groups: DayRows[] = [];
  let at = 0;
  for (const [day, count] of header.days) {
    const end = lineBoundary(rows, count, at);
    groups.push({ day, rows: count, text: rows.subarray(at, end) });
    at = end;
  }
  return { traceIds: header.traceIds, groups };
}

export function countLines(text: Buffer): number {
  let lines = 0;
  for (let at = text.indexOf(10); at >= 0; at = text.indexOf(10, at + 1)) lines += 1;
  return lines;
}

/** The offset just after the `lines`-th newline from `from`. */
export function lineBoundary(text: Buffer, lines: number, from = 0): number {
  let at = from - 1;
  for (let seen = 0; seen < lines; seen++) at = text.indexOf(10, at + 1);
  return at + 1;
}
