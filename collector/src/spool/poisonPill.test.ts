import { afterEach, describe, expect, it } from 'vitest';
import { decodeOtlpRequest } from '../otlp/index.ts';
import type { DecodedSpan } from '../otlp/types.ts';
import { readSpanRow, SPAN_COLUMNS, spanRows } from '../spans/spanRows.ts';
import { RowBinaryReader } from '../store/rowBinary.ts';
import { startInProcessCollector, type InProcessCollector } from '../testing/inProcessCollector.ts';
import { otlpJson, randomHexId, type TestSpan } from '../testing/otlpRequests.ts';
import { replayDeadLetters } from './replayDeadLetters.ts';
import { encodeSpanBatch, spanRowsByDay } from './spanBatchPayload.ts';

let harness: InProcessCollector | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const DAY_NANOS = 86_400_000_000_000n;
const NOW_NANOS = BigInt(Date.now()) * 1_000_000n;

function spans(count: number, make: (i: number) => Partial<TestSpan> = () => ({})): TestSpan[] {
  const traceId = randomHexId(16);
  return Array.from({ length: count }, (_, i) => ({
    traceId,
    spanId: randomHexId(8),
    name: 'execute_tool lookup',
    startNanos: NOW_NANOS,
    attributes: { 'gen_ai.operation.name': 'execute_tool' },
    ...make(i),
  }));
}

function decoded(batch: TestSpan[]): DecodedSpan[] {
  return decodeOtlpRequest(Buffer.from(JSON.stringify(otlpJson(batch))), 'json', { maxNesting: 32 }).spans;
}

/** Puts rows in the spool as the request path would. */
async function spoolDirectly(h: InProcessCollector, batch: TestSpan[]): Promise<void> {
  await h.collector.pipeline.spool!.append(encodeSpanBatch([batch[0]!.traceId], spanRowsByDay(decoded(batch))));
}

/**
 * A batch's spans as JSONCompactEachRow lines, as collectors before binary rows spooled them, their
 * attributes as decoded (text may hold lone surrogates, which binary rows cannot): what an older
 * collector may have left, past today's request path.
 */
function legacyLines(batch: TestSpan[]): string {
  const attributes = SPAN_COLUMNS.indexOf('SpanAttributes');
  const rows = new RowBinaryReader(spanRows(decoded(batch)));
  return decoded(batch)
    .map((span) => {
      const values = readSpanRow(rows);
      values[attributes] = span.attributes;
      return `${JSON.stringify(values)}\n`;
    })
    .join('');
}

/** How many spans of a batch's trace are stored. */
function storedOf(h: InProcessCollector, batch: TestSpan[]): Promise<number> {
  return count(h, `SELECT count() AS n FROM spans FINAL WHERE TraceId = '${batch[0]!.traceId}'`);
}

async function count(h: InProcessCollector, sql: string): Promise<number> {
  const [row] = await h.store.query<{ n: string }>(sql);
  return Number(row?.n);
}

describe('a batch the store refuses for good', () => {
  it('splits a record of text rows from before binary rows around rows the store cannot parse, stores the rest and the batches behind, and holds the refused rows as dead letters', async () => {
    const h = (harness = await startInProcessCollector());
    const poisoned = spans(40, (i) => (i === 7 || i === 30 ? { attributes: { 'gen_ai.operation.name': 'chat', text: 'cut \ud83d' } } : {}));
    const day = Number(NOW_NANOS / DAY_NANOS);
    await h.collector.pipeline.spool!.append(
      Buffer.from(`${JSON.stringify({ traceIds: [poisoned[0]!.traceId], days: [[day, 40]] })}\n${legacyLines(poisoned)}`),
    );
    const after = spans(20);
    await spoolDirectly(h, after);
    await h.collector.settle();

    expect(await storedOf(h, poisoned)).toBe(38);
    expect(await storedOf(h, after)).toBe(20);
    const held = await h.store.query<{ Reason: string; Row: string }>("SELECT Reason, Row FROM dead_letters FINAL WHERE Status = 'held'");
    expect(held.map((row) => row.Reason)).toEqual(['bad_row', 'bad_row']);
    expect(held.every((row) => row.Row.includes(poisoned[0]!.traceId))).toBe(true);

    const metrics = await (await h.request('/metrics')).text();
    expect(metrics).toContain('trumpets_dead_letter_rows_total{reason="bad_row"} 2');
    expect(metrics).toMatch(/trumpets_store_errors_total\{reason="bad_row"\} [1-9]/);

    // The operator's replay: the text made well-formed, both rows go in, none stays held.
    expect(await replayDeadLetters(h.store)).toEqual({ replayed: 2, refused: [] });
    expect(await storedOf(h, poisoned)).toBe(40);
    expect(await count(h, "SELECT count() AS n FROM dead_letters FINAL WHERE Status = 'held'")).toBe(0);
  });

  it('splits binary rows around rows the store refuses, holds each as a readable text row, and replays it', async () => {
    const h = (harness = await startInProcessCollector());
    h.store.refuseRowsContaining('refused-row');
    const refused = spans(40, (i) =>
      i === 3 || i === 31 ? { attributes: { 'gen_ai.operation.name': 'chat', text: 'refused-row é' } } : {},
    );
    await spoolDirectly(h, refused);
    const after = spans(20);
    await spoolDirectly(h, after);
    await h.collector.settle();

    expect(await storedOf(h, refused)).toBe(38);
    expect(await storedOf(h, after)).toBe(20);
    const held = await h.store.query<{ Reason: string; Row: string }>("SELECT Reason, Row FROM dead_letters FINAL WHERE Status = 'held'");
    expect(held.map((row) => row.Reason)).toEqual(['bad_row', 'bad_row']);
    const values = held.map((row) => JSON.parse(row.Row) as unknown[]);
    expect(values.map((row) => row[SPAN_COLUMNS.indexOf('SpanId')]).sort()).toEqual([refused[3]!.spanId, refused[31]!.spanId].sort());
    expect(values[0]![SPAN_COLUMNS.indexOf('SpanAttributes')]).toEqual({ 'gen_ai.operation.name': 'chat', text: 'refused-row é' });

    h.store.refuseRowsContaining(undefined);
    expect(await replayDeadLetters(h.store)).toEqual({ replayed: 2, refused: [] });
    expect(await storedOf(h, refused)).toBe(40);
  });

  it('holds binary rows that cannot be read as they are, and stores the batches behind', async () => {
    const h = (harness = await startInProcessCollector());
    const cutShort = spans(3);
    const whole = spanRows(decoded(cutShort));
    // Three rows' count, the last cut short: what a broken writer, not a crash, would leave (the record's checksum holds).
    const cut = whole.subarray(0, whole.length - 10);
    const day = Number(NOW_NANOS / DAY_NANOS);
    await h.collector.pipeline.spool!.append(
      Buffer.concat([
        Buffer.from(`${JSON.stringify({ traceIds: [cutShort[0]!.traceId], format: 'RowBinary', days: [[day, 3, cut.length]] })}\n`),
        cut,
      ]),
    );
    const after = spans(20);
    await spoolDirectly(h, after);
    await h.collector.settle();
    expect(await storedOf(h, after)).toBe(20);
    // The two whole rows of the record are stored; only the one cut short is held.
    expect(await storedOf(h, cutShort)).toBe(2);
    expect(await count(h, "SELECT count() AS n FROM dead_letters FINAL WHERE Status = 'held'")).toBe(1);
  });

  it('stores a batch whose start times span more partitions than one insert may create, one insert per day', async () => {
    const h = (harness = await startInProcessCollector());
    // 120 spans on 120 different days: one insert may create at most 100 partitions.
    const skewed = spans(120, (i) => ({ startNanos: NOW_NANOS - BigInt(i) * DAY_NANOS }));
    await spoolDirectly(h, skewed);
    const after = spans(10);
    await spoolDirectly(h, after);
    await h.collector.settle();
    expect(await storedOf(h, skewed)).toBe(120);
    expect(await storedOf(h, after)).toBe(10);
    expect(h.collector.pipeline.drainer!.stats.storeErrorsByReason.get('too_many_partitions')).toBeUndefined();
  });

  it('splits a record from before rows were grouped by day whose start times span too many partitions, and stores all of it', async () => {
    const h = (harness = await startInProcessCollector());
    const skewed = spans(120, (i) => ({ startNanos: NOW_NANOS - BigInt(i) * DAY_NANOS }));
    await h.collector.pipeline.spool!.append(Buffer.from(`${JSON.stringify([skewed[0]!.traceId])}\n${legacyLines(skewed)}`));
    const after = spans(10);
    await spoolDirectly(h, after);
    await h.collector.settle();
    expect(await storedOf(h, skewed)).toBe(120);
    expect(await storedOf(h, after)).toBe(10);
    expect(await count(h, 'SELECT count() AS n FROM dead_letters')).toBe(0);
  });
});
