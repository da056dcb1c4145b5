import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lockSpoolDirectory } from './spoolLock.ts';
import { isNoSpaceError, nodeSpoolFs, type SpoolFile, type SpoolFs } from './spoolFs.ts';
import { spoolRecordHeader } from './spoolRecord.ts';

export interface SpoolOptions {
  dir: string;
  /** Disk budget: appends that would take the spool past it are refused (the client retries later). */
  maxBytes: number;
  /** A segment is closed (handed to the drainer) at this size… */
  segmentBytes: number;
  /** …or this long after its first record, whichever comes first. */
  segmentMaxAgeMs: number;
  /** The file system the spool writes through. Default: node:fs. */
  fs?: SpoolFs;
}

/** Why the spool refused an append. Every reason is temporary for the client: answer 503 with Retry-After. */
export type SpoolRefusal = 'budget' | 'disk_full' | 'io_error';

export class SpoolRefusedError extends Error {
  override name = 'SpoolRefusedError';
  constructor(
    message: string,
    readonly reason: SpoolRefusal,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The spool is at its budget, or its volume has no room left. */
export class SpoolFullError extends SpoolRefusedError {
  override name = 'SpoolFullError';
}

/** The disk failed a write or an fsync for a reason other than space. */
export class SpoolWriteError extends SpoolRefusedError {
  override name = 'SpoolWriteError';
}

export interface SpoolHealth {
  state: 'ok' | 'at_budget' | 'disk_full' | 'io_error';
  detail?: string;
}

interface PendingAppend {
  header: Buffer;
  payload: Buffer;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface OpenSegment {
  path: string;
  file: SpoolFile;
  /** Bytes written and fsync'd: the segment is trusted up to here and no further. */
  bytes: number;
}

const SEGMENT_FILE = /^(\d{12})\.seg$/;
/** How stale the volume's free-space reading may get. */
const SPACE_CHECK_MS = 500;
/** Room left for everything else on the volume: 2% of it, between 64 KiB and 64 MiB. */
const headroomOf = (totalBytes: number) => Math.min(64 * 1024 * 1024, Math.max(64 * 1024, totalBytes * 0.02));

/**
 * The write-ahead spool: an acknowledged request is one fsync'd record in a segment file.
 * Appends from concurrent requests share one write and one fsync (group commit), so durability
 * costs one disk flush per batch, not per request. Closed segments wait, in order, for the
 * drainer to store them and release them; whatever is on disk at start is replayed.
 *
 * A failed write or fsync finishes its segment at the last fsync'd offset and the next batch
 * starts a new one: nothing is ever appended behind bytes that may be torn or lost, because
 * after a failed fsync the kernel may have dropped the dirty pages and a later fsync would not say so.
 */
export class Spool {
  private readonly closed: Array<{ path: string; bytes: number }> = [];
  private pending: PendingAppend[] = [];
  private flushing = false;
  private current: OpenSegment | undefined;
  private nextSequence = 0;
  private ageTimer: NodeJS.Timeout | undefined;
  private bytesOnDisk = 0;
  private reservedBytes = 0;
  private readonly fs: SpoolFs;
  private fault: SpoolHealth | undefined;
  /** The volume's limit for the spool: its bytes plus the free space at the last check, less the headroom. */
  private volumeLimit = Number.POSITIVE_INFINITY;
  private spaceCheckedAt = Number.NEGATIVE_INFINITY;
  private spaceCheck: Promise<void> | undefined;
  private finishing: Promise<void> = Promise.resolve();
  private readonly segmentClosedListeners: Array<() => void> = [];
  /** Releases the directory lock; called once the spool is closed. */
  readonly unlock: () => void;

  constructor(private readonly options: SpoolOptions) {
    this.fs = options.fs ?? nodeSpoolFs;
    mkdirSync(options.dir, { recursive: true });
    this.unlock = lockSpoolDirectory(options.dir);
    // Segments left by an earlier run were acknowledged but maybe not stored: replay them first.
    const leftovers = readdirSync(options.dir)
      .filter((name) => SEGMENT_FILE.test(name))
      .sort();
    for (const name of leftovers) {
      const path = join(options.dir, name);
      const bytes = statSync(path).size;
      this.closed.push({ path, bytes });
      this.bytesOnDisk += bytes;
      this.nextSequence = Math.max(this.nextSequence, Number(SEGMENT_FILE.exec(name)![1]) + 1);
    }
    void this.checkSpace();
  }

  /** Bytes the spool holds (closed and open segments, and appends in flight). */
  get bytes(): number {
    return this.bytesOnDisk + this.reservedBytes;
  }

  /** The budget in force: the configured one, or less when the volume has less room. */
  get maxBytes(): number {
    return Math.min(this.options.maxBytes, this.volumeLimit);
  }

  /** What /readyz reports: a disk fault until a later write succeeds, else whether there is room. */
  health(): SpoolHealth {
    if (this.fault) return this.fault;
    if (this.bytes >= this.maxBytes * 0.9) return { state: 'at_budget', detail: `spool holds ${this.bytes} of ${this.maxBytes} bytes` };
    return { state: 'ok' };
  }

  /** Resolves once the payload is on disk and fsync'd; rejects with a SpoolRefusedError otherwise. */
  async append(payload: Buffer): Promise<void> {
    if (Date.now() - this.spaceCheckedAt > SPACE_CHECK_MS) void this.checkSpace();
    const header = spoolRecordHeader(payload);
    const size = header.length + payload.length;
    // Before refusing for want of room on the volume, look again: room may have been made since.
    if (this.bytes + size > this.volumeLimit && this.bytes + size <= this.options.maxBytes) await this.checkSpace();
    if (this.bytes + size > this.maxBytes) {
      const limit =
        this.maxBytes < this.options.maxBytes
          ? `the free space of its volume (${this.maxBytes} bytes for the spool)`
          : `its disk budget of ${this.maxBytes} bytes`;
      throw new SpoolFullError(`spool is at ${limit}`, 'budget');
    }
    this.reservedBytes += size;
    return new Promise((resolve, reject) => {
      this.pending.push({ header, payload, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /** Closed segments, oldest first, waiting to be stored. */
  closedSegments(): readonly string[] {
    return this.closed.map((segment) => segment.path);
  }

  /** A closed segment's trusted bytes: what was fsync'd, never what a failed write left behind. */
  async readSegment(path: string): Promise<Buffer> {
    const data = await this.fs.readFile(path);
    const trusted = this.closed.find((segment) => segment.path === path)?.bytes ?? data.length;
    return data.subarray(0, Math.min(trusted, data.length));
  }

  /** Deletes a segment whose records are stored. */
  async release(path: string): Promise<void> {
    const index = this.closed.findIndex((segment) => segment.path === path);
    if (index < 0) return;
    await this.fs.remove(path);
    this.bytesOnDisk -= this.closed[index]!.bytes;
    this.closed.splice(index, 1);
    // Room was made: let the next write find out whether the disk takes it.
    if (this.fault?.state === 'disk_full') this.fault = undefined;
    void this.checkSpace();
  }

  onSegmentClosed(listener: () => void): void {
    this.segmentClosedListeners.push(listener);
  }

  /** Closes the open segment so the drainer can take it (used on shutdown, and by the age timer). */
  async closeCurrentSegment(): Promise<void> {
    while (this.flushing) await new Promise((resolve) => setImmediate(resolve));
    await this.finishSegment();
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      const bytes = batch.reduce((sum, append) => sum + append.header.length + append.payload.length, 0);
      try {
        const segment = await this.openSegment();
        try {
          await writeFully(
            segment.file,
            batch.flatMap((append) => [append.header, append.payload]),
          );
          await segment.file.datasync();
        } catch (error) {
          await this.finishSegment(true);
          throw error;
        }
        segment.bytes += bytes;
        this.bytesOnDisk += bytes;
        this.reservedBytes -= bytes;
        this.fault = undefined;
        for (const append of batch) append.resolve();
        if (segment.bytes >= this.segmentLimit()) await this.finishSegment();
      } catch (error) {
        this.reservedBytes -= bytes;
        const refused = this.refusal(error);
        for (const append of batch) append.reject(refused);
      }
    }
    this.flushing = false;
  }

  private refusal(error: unknown): SpoolRefusedError {
    const detail = error instanceof Error ? error.message : String(error);
    if (isNoSpaceError(error)) {
      this.fault = { state: 'disk_full', detail: `the spool's volume is full: ${detail}` };
      this.spaceCheckedAt = Number.NEGATIVE_INFINITY;
      void this.checkSpace();
      return new SpoolFullError(`the spool's volume is full: ${detail}`, 'disk_full', { cause: error });
    }
    this.fault = { state: 'io_error', detail: `the spool's disk failed a write: ${detail}` };
    return new SpoolWriteError(`the spool's disk failed a write: ${detail}`, 'io_error', { cause: error });
  }

  /** Small budgets get small segments, so the drainer can free room before the budget is spent. */
  private segmentLimit(): number {
    return Math.min(this.options.segmentBytes, Math.max(16 * 1024, this.maxBytes / 4));
  }

  private async openSegment(): Promise<OpenSegment> {
    if (this.current) return this.current;
    const path = join(this.options.dir, `${String(this.nextSequence++).padStart(12, '0')}.seg`);
    const file = await this.fs.create(path);
    try {
      await this.fs.syncDirectory(this.options.dir);
    } catch (error) {
      await file.close().catch(() => undefined);
      await this.fs.remove(path).catch(() => undefined);
      throw error;
    }
    this.current = { path, file, bytes: 0 };
    this.ageTimer = setTimeout(() => void this.closeCurrentSegment(), this.options.segmentMaxAgeMs);
    this.ageTimer.unref();
    return this.current;
  }

  /**
   * Ends the open segment at its last fsync'd offset and hands it to the drainer. Cutting the
   * file back is best effort: the drainer reads only the trusted length, and after a crash
   * the reader stops at the first torn record, behind which nothing acknowledged was written.
   */
  private finishSegment(afterFailure = false): Promise<void> {
    // One at a time: a second caller (the age timer, a flush) must find the segment handed over, not half closed.
    this.finishing = this.finishing.then(() => this.handOverSegment(afterFailure));
    return this.finishing;
  }

  private async handOverSegment(afterFailure: boolean): Promise<void> {
    const segment = this.current;
    if (!segment) return;
    this.current = undefined;
    clearTimeout(this.ageTimer);
    if (afterFailure) await segment.file.truncate(segment.bytes).catch(() => undefined);
    await segment.file.close().catch(() => undefined);
    if (segment.bytes === 0) {
      await this.fs.remove(segment.path).catch(() => undefined);
      return;
    }
    this.closed.push({ path: segment.path, bytes: segment.bytes });
    for (const listener of this.segmentClosedListeners) listener();
  }

  private checkSpace(): Promise<void> {
    this.spaceCheck ??= this.fs
      .space(this.options.dir)
      .then(
        (space) => {
          this.volumeLimit = this.bytesOnDisk + space.freeBytes - headroomOf(space.totalBytes);
        },
        // A volume that cannot report its space is judged by the configured budget and by ENOSPC.
        () => undefined,
      )
      .finally(() => {
        this.spaceCheckedAt = Date.now();
        this.spaceCheck = undefined;
      });
    return this.spaceCheck;
  }
}

/** A short write is normal (a nearly full volume takes what fits): write the rest, until done or refused. */
async function writeFully(file: SpoolFile, buffers: Buffer[]): Promise<void> {
  let remaining = buffers;
  while (remaining.length > 0) {
    let { bytesWritten } = await file.writev(remaining);
    const rest: Buffer[] = [];
    for (const buffer of remaining) {
      if (bytesWritten >= buffer.length) bytesWritten -= buffer.length;
      else {
        rest.push(bytesWritten > 0 ? buffer.subarray(bytesWritten) : buffer);
        bytesWritten = 0;
      }
    }
    if (rest.length === remaining.length && rest[0] === remaining[0])
      throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
    remaining = rest;
  }
}
