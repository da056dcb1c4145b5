import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger.ts';
import { decodeOtlpRequest } from '../otlp/index.ts';
import { readSpanRow } from '../spans/spanRows.ts';
import { EmbeddedStore } from '../store/embeddedStore.ts';
import { runMigrations } from '../store/migrations.ts';
import { RowBinaryReader } from '../store/rowBinary.ts';
import type { WritableTable } from '../store/Store.ts';
import { FaultyStore } from '../testing/FaultyStore.ts';
import { otlpJson, randomHexId } from '../testing/otlpRequests.ts';
import { encodeSpanBatch, spanRowsByDay } from './spanBatchPayload.ts';
import { Spool } from './Spool.ts';
import { SpoolDrainer } from './SpoolDrainer.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Records the start days of every spans insert. */
class RecordingStore extends FaultyStore {
  readonly insertDays: Array<Set<bigint>> = [];
  override async insertRowBinary(table: WritableTable, columns: readonly string[], payload: Buffer): Promise<void> {
    const start = columns.indexOf('StartTimeUnixNano');
    const days = new Set<bigint>();
    for (const reader = new RowBinaryReader(payload); !reader.done;) days.add(BigInt(readSpanRow(reader)[start] as string) / DAY_NANOS);
    this.insertDays.push(days);
    await super.insertRowBinary(table, columns, payload);
  }
}

const DAY_NANOS = 86_400_000_000_000n;
const TODAY_NANOS = BigInt(Date.now()) * 1_000_000n;

describe('SpoolDrainer', () => {
  it('gathers many small segments into few inserts, each of one start day, and stores every span once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trumpets-drainer-'));
    dirs.push(dir);
    const store = new RecordingStore(new EmbeddedStore(join(dir, 'data')));
    await runMigrations(store);
    const spool = new Spool({ dir: join(dir, 'spool'), maxBytes: 100_000_000, segmentBytes: 16 * 1024, segmentMaxAgeMs: 60_000 });
    // 30 requests of 40 spans, each request's spans over two days (yesterday and today).
    for (let request = 0; request < 30; request++) {
      const traceId = randomHexId(16);
      const spans = Array.from({ length: 40 }, (_, i) => ({
        traceId,
        spanId: randomHexId(8),
        name: 'execute_tool lookup',
        startNanos: TODAY_NANOS - (i % 2 === 0 ? DAY_NANOS : 0n),
      }));
      const decoded = decodeOtlpRequest(Buffer.from(JSON.stringify(otlpJson(spans))), 'json').spans;
      await spool.append(encodeSpanBatch([traceId], spanRowsByDay(decoded)));
    }
    await spool.closeCurrentSegment();
    const segments = spool.closedSegments().length;
    expect(segments).toBeGreaterThan(4);

    const drainer = new SpoolDrainer(
      spool,
      store,
      { rowsPerInsert: 65_536, bytesPerPass: 64 * 1024 * 1024, minBackoffMs: 10, maxBackoffMs: 100 },
      silentLogger,
    );
    drainer.start();
    await drainer.stop();
    try {
      expect(store.insertDays.length).toBe(2);
      expect(store.insertDays.every((days) => days.size === 1)).toBe(true);
      const [row] = await store.query<{ n: string; unique: string }>(
        'SELECT count() AS n, uniqExact(TraceId, SpanId) AS unique FROM spans',
      );
      expect({ n: Number(row?.n), unique: Number(row?.unique) }).toEqual({ n: 1200, unique: 1200 });
      expect(spool.closedSegments()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
