import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultyFs } from '../testing/FaultyFs.ts';
import { Spool, SpoolFullError, SpoolWriteError } from './Spool.ts';
import { decodeSpoolSegment } from './spoolRecord.ts';

const spools: Spool[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const spool of spools.splice(0)) spool.unlock();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function faultySpool(maxBytes = 1_000_000, volume?: { freeBytes: number; totalBytes: number }): { spool: Spool; fs: FaultyFs } {
  const dir = mkdtempSync(join(tmpdir(), 'trumpets-spool-faults-'));
  dirs.push(dir);
  const fs = new FaultyFs();
  Object.assign(fs, volume);
  const spool = new Spool({ dir, maxBytes, segmentBytes: 1_000_000, segmentMaxAgeMs: 60_000, fs });
  spools.push(spool);
  return { spool, fs };
}

const record = (n: number) => Buffer.from(`record ${n} `.padEnd(200, '.'));

/** Appends one record per number, all at once (one group commit), and says which were acknowledged. */
async function appendAll(spool: Spool, numbers: number[]): Promise<{ acknowledged: number[]; errors: unknown[] }> {
  const results = await Promise.allSettled(numbers.map((n) => spool.append(record(n))));
  return {
    acknowledged: numbers.filter((_, i) => results[i]!.status === 'fulfilled'),
    errors: results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : [])),
  };
}

/** What the drainer reads now, and what a restarted process would read from the files alone. */
async function readBack(spool: Spool): Promise<{ drained: number[]; afterRestart: number[]; trailingBytes: number }> {
  await spool.closeCurrentSegment();
  const numberOf = (payload: Buffer) => Number(payload.toString().split(' ')[1]);
  const drained: number[] = [];
  const afterRestart: number[] = [];
  let trailingBytes = 0;
  for (const path of spool.closedSegments()) {
    drained.push(...decodeSpoolSegment(await spool.readSegment(path)).payloads.map(numberOf));
    const fromFile = decodeSpoolSegment(readFileSync(path));
    afterRestart.push(...fromFile.payloads.map(numberOf));
    trailingBytes += fromFile.trailingBytes;
  }
  return { drained, afterRestart, trailingBytes };
}

describe('Spool under disk faults', () => {
  it('refuses a batch the volume runs out of room for mid-write, as backpressure, and keeps every acknowledged record readable', async () => {
    const { spool, fs } = faultySpool();
    const first = await appendAll(spool, [1, 2, 3]);
    // 4 is written alone and fits; 5 and 6 then go as one batch that fits only partly: a short write, then ENOSPC.
    fs.freeBytes = 300;
    const second = await appendAll(spool, [4, 5, 6]);
    expect(second.acknowledged).toEqual([4]);
    expect(second.errors[0]).toBeInstanceOf(SpoolFullError);
    expect((second.errors[0] as SpoolFullError).reason).toBe('disk_full');
    expect(spool.health().state).toBe('disk_full');

    fs.freeBytes = undefined;
    const third = await appendAll(spool, [7, 8]);
    expect(third.acknowledged).toEqual([7, 8]);
    expect(spool.health().state).toBe('ok');
    const read = await readBack(spool);
    expect([...first.acknowledged, ...second.acknowledged, ...third.acknowledged]).toEqual([1, 2, 3, 4, 7, 8]);
    expect(read.drained).toEqual([1, 2, 3, 4, 7, 8]);
    expect(read.afterRestart).toEqual([1, 2, 3, 4, 7, 8]);
    expect(read.trailingBytes).toBe(0);
  });

  it('answers an I/O error on write as a refusal, marks itself failing, and goes on in a new segment', async () => {
    const { spool, fs } = faultySpool();
    await appendAll(spool, [1]);
    fs.failNextWrite('EIO');
    const failed = await appendAll(spool, [2]);
    expect(failed.errors[0]).toBeInstanceOf(SpoolWriteError);
    expect(spool.health().state).toBe('io_error');
    await appendAll(spool, [4]);
    expect(spool.health().state).toBe('ok');
    await spool.closeCurrentSegment();
    expect(spool.closedSegments()).toHaveLength(2);
    expect((await readBack(spool)).drained).toEqual([1, 4]);
  });

  it('after a failed fsync, trusts the segment only up to its last good fsync, although the page cache holds the data', async () => {
    const { spool, fs } = faultySpool();
    await appendAll(spool, [1, 2]);
    fs.failNextSync('EIO');
    const failed = await appendAll(spool, [3]);
    expect(failed.errors[0]).toBeInstanceOf(SpoolWriteError);
    await appendAll(spool, [4]);
    const read = await readBack(spool);
    expect(read.drained).toEqual([1, 2, 4]);
    expect(read.afterRestart).toEqual([1, 2, 4]);
  });

  it('never appends behind a torn write: later acknowledged records survive a restart', async () => {
    const { spool, fs } = faultySpool();
    await appendAll(spool, [1]);
    fs.failNextWrite('EIO', 100);
    await appendAll(spool, [2]);
    fs.failNextWrite('EIO', 50);
    expect((await appendAll(spool, [3])).errors).toHaveLength(1);
    await appendAll(spool, [4]);
    const acknowledgedAfter = await appendAll(spool, [5, 6, 7]);
    expect(acknowledgedAfter.acknowledged).toEqual([5, 6, 7]);
    const read = await readBack(spool);
    expect(read.drained).toEqual([1, 4, 5, 6, 7]);
    expect(read.afterRestart).toEqual([1, 4, 5, 6, 7]);
  });

  it('holds acknowledgements while an fsync is slow and commits the appends that queued behind it together', async () => {
    const { spool, fs } = faultySpool();
    const release = fs.holdSyncs();
    let acknowledged = 0;
    const first = spool.append(record(1)).then(() => (acknowledged += 1));
    await new Promise((resolve) => setImmediate(resolve));
    const queued = [2, 3, 4, 5].map((n) => spool.append(record(n)).then(() => (acknowledged += 1)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(acknowledged).toBe(0);
    release();
    await Promise.all([first, ...queued]);
    expect(acknowledged).toBe(5);
    expect(fs.writes).toBe(2);
    expect(fs.syncs).toBe(2);
    expect((await readBack(spool)).drained).toEqual([1, 2, 3, 4, 5]);
  });

  it('checks its budget against the free space of its volume, so a budget larger than the disk still refuses in time', async () => {
    const { spool, fs } = faultySpool(1_000_000_000, { freeBytes: 64 * 1024 + 1000, totalBytes: 1024 * 1024 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(spool.maxBytes).toBeLessThan(2000);
    const refused = await appendAll(spool, [2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(refused.errors.length).toBeGreaterThan(0);
    expect((refused.errors[0] as SpoolFullError).reason).toBe('budget');
    expect(fs.freeBytes).toBeGreaterThan(0);
  });
});
