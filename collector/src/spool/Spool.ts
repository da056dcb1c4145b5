import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { lockSpoolDirectory } from './spoolLock.ts';
import { spoolRecordHeader } from './spoolRecord.ts';

export interface SpoolOptions {
  dir: string;
  /** Disk budget: appends that would take the spool past it are refused (the client retries later). */
  maxBytes: number;
  /** A segment is closed (handed to the drainer) at this size… */
  segmentBytes: number;
  /** …or this long after its first record, whichever comes first. */
  segmentMaxAgeMs: number;
}

/** Thrown when the spool is at its disk budget: answer 503 with Retry-After. */
export class SpoolFullError extends Error {
  override name = 'SpoolFullError';
}

interface PendingAppend {
  header: Buffer;
  payload: Buffer;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const SEGMENT_FILE = /^(\d{12})\.seg$/;

/**
 * The write-ahead spool: an acknowledged request is one fsync'd record in a segment file.
 * Appends from concurrent requests share one write and one fsync (group commit), so durability
 * costs one disk flush per batch, not per request. Closed segments wait, in order, for the
 * drainer to store them and release them; whatever is on disk at start is replayed.
 */
export class Spool {
  private readonly closed: string[] = [];
  private pending: PendingAppend[] = [];
  private flushing = false;
  private current: { path: string; handle: FileHandle; bytes: number } | undefined;
  private nextSequence = 0;
  private ageTimer: NodeJS.Timeout | undefined;
  private bytesOnDisk = 0;
  private reservedBytes = 0;
  private readonly segmentClosedListeners: Array<() => void> = [];
  /** Releases the directory lock; called once the spool is closed. */
  readonly unlock: () => void;

  constructor(private readonly options: SpoolOptions) {
    mkdirSync(options.dir, { recursive: true });
    this.unlock = lockSpoolDirectory(options.dir);
    // Segments left by an earlier run were acknowledged but maybe not stored: replay them first.
    const leftovers = readdirSync(options.dir)
      .filter((name) => SEGMENT_FILE.test(name))
      .sort();
    for (const name of leftovers) {
      const path = join(options.dir, name);
      this.closed.push(path);
      this.bytesOnDisk += statSync(path).size;
      this.nextSequence = Math.max(this.nextSequence, Number(SEGMENT_FILE.exec(name)![1]) + 1);
    }
  }

  /** Bytes the spool holds (closed and open segments, and appends in flight). */
  get bytes(): number {
    return this.bytesOnDisk + this.reservedBytes;
  }

  get maxBytes(): number {
    return this.options.maxBytes;
  }

  /** Resolves once the payload is on disk and fsync'd; rejects with SpoolFullError past the budget. */
  append(payload: Buffer): Promise<void> {
    const header = spoolRecordHeader(payload);
    const size = header.length + payload.length;
    if (this.bytes + size > this.options.maxBytes) {
      return Promise.reject(new SpoolFullError(`spool is at its disk budget of ${this.options.maxBytes} bytes`));
    }
    this.reservedBytes += size;
    return new Promise((resolve, reject) => {
      this.pending.push({ header, payload, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /** Closed segments, oldest first, waiting to be stored. */
  closedSegments(): readonly string[] {
    return this.closed;
  }

  /** Deletes a segment whose records are stored. */
  async release(path: string): Promise<void> {
    const index = this.closed.indexOf(path);
    if (index < 0) return;
    const size = statSync(path).size;
    await rm(path, { force: true });
    this.closed.splice(index, 1);
    this.bytesOnDisk -= size;
  }

  onSegmentClosed(listener: () => void): void {
    this.segmentClosedListeners.push(listener);
  }

  /** Closes the open segment so the drainer can take it (used on shutdown, and by the age timer). */
  async closeCurrentSegment(): Promise<void> {
    while (this.flushing) await new Promise((resolve) => setImmediate(resolve));
    await this.rotate();
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      const bytes = batch.reduce((sum, append) => sum + append.header.length + append.payload.length, 0);
      try {
        const segment = await this.openSegment();
        await segment.handle.writev(batch.flatMap((append) => [append.header, append.payload]));
        await segment.handle.datasync();
        segment.bytes += bytes;
        this.bytesOnDisk += bytes;
        this.reservedBytes -= bytes;
        for (const append of batch) append.resolve();
        if (segment.bytes >= this.options.segmentBytes) await this.rotate();
      } catch (error) {
        this.reservedBytes -= bytes;
        for (const append of batch) append.reject(error);
      }
    }
    this.flushing = false;
  }

  private async openSegment() {
    if (!this.current) {
      const path = join(this.options.dir, `${String(this.nextSequence++).padStart(12, '0')}.seg`);
      this.current = { path, handle: await open(path, 'a'), bytes: 0 };
      await this.syncDirectory();
      this.ageTimer = setTimeout(() => void this.closeCurrentSegment(), this.options.segmentMaxAgeMs);
      this.ageTimer.unref();
    }
    return this.current;
  }

  /** A new file's name is durable only once its directory is flushed too. */
  private async syncDirectory(): Promise<void> {
    const dir = await open(this.options.dir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }

  private async rotate(): Promise<void> {
    const segment = this.current;
    if (!segment) return;
    this.current = undefined;
    clearTimeout(this.ageTimer);
    await segment.handle.close();
    if (segment.bytes === 0) {
      await rm(segment.path, { force: true });
      return;
    }
    this.closed.push(segment.path);
    for (const listener of this.segmentClosedListeners) listener();
  }
}
