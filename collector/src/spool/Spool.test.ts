import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Spool, SpoolFullError } from './Spool.ts';
import { SpoolLockedError } from './spoolLock.ts';
import { decodeSpoolSegment } from './spoolRecord.ts';

const dirs: string[] = [];
function spoolDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trumpets-spool-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const options = (dir: string, maxBytes = 1_000_000) => ({ dir, maxBytes, segmentBytes: 1000, segmentMaxAgeMs: 60_000 });

describe('Spool', () => {
  it('refuses a directory held by another live process, and takes over one left by a dead process', () => {
    const dir = spoolDir();
    writeFileSync(join(dir, 'LOCK'), String(process.ppid));
    expect(() => new Spool(options(dir))).toThrow(SpoolLockedError);
    writeFileSync(join(dir, 'LOCK'), '999999999');
    const spool = new Spool(options(dir));
    expect(readFileSync(join(dir, 'LOCK'), 'utf8')).toBe(String(process.pid));
    spool.unlock();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes concurrent appends durably, in order, and hands closed segments over oldest first', async () => {
    const dir = spoolDir();
    const spool = new Spool(options(dir));
    for (let wave = 0; wave < 3; wave++) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => spool.append(Buffer.from(`record ${wave * 10 + i} `.padEnd(100, '.')))));
    }
    await spool.closeCurrentSegment();
    const segments = spool.closedSegments();
    expect(segments.length).toBeGreaterThan(1);
    const records = segments.flatMap((path) =>
      decodeSpoolSegment(readFileSync(path)).payloads.map((payload) => payload.toString().split(' ')[1]),
    );
    expect(records).toEqual(Array.from({ length: 30 }, (_, i) => String(i)));
  });

  it('replays segments left on disk by an earlier run, skipping a record torn by a crash', async () => {
    const dir = spoolDir();
    const first = new Spool(options(dir));
    await first.append(Buffer.from('acknowledged'));
    await first.closeCurrentSegment();
    const [segment] = first.closedSegments();
    appendFileSync(segment!, Buffer.from([50, 0, 0, 0, 1, 2, 3, 4, 5]));

    const restarted = new Spool(options(dir));
    expect(restarted.closedSegments()).toEqual([segment]);
    const decoded = decodeSpoolSegment(readFileSync(segment!));
    expect(decoded.payloads.map(String)).toEqual(['acknowledged']);
    expect(decoded.trailingBytes).toBe(9);
  });

  it('refuses appends past its disk budget and takes them again once segments are released', async () => {
    const dir = spoolDir();
    const spool = new Spool(options(dir, 500));
    await spool.append(Buffer.alloc(300));
    await expect(spool.append(Buffer.alloc(300))).rejects.toBeInstanceOf(SpoolFullError);
    await spool.closeCurrentSegment();
    await spool.release(spool.closedSegments()[0]!);
    expect(readdirSync(dir)).toEqual(['LOCK']);
    await expect(spool.append(Buffer.alloc(300))).resolves.toBeUndefined();
  });
});
