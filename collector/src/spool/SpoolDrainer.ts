import type { Logger } from '../log/logger.ts';
import { SPAN_COLUMNS } from '../spans/spanRows.ts';
import type { StoreErrorReason } from '../store/storeErrors.ts';
import { StoreError, type Store } from '../store/Store.ts';
import { DeadLetters } from './DeadLetters.ts';
import { decodeSpanBatch } from './spanBatchPayload.ts';
import type { Spool } from './Spool.ts';
import { decodeSpoolSegment } from './spoolRecord.ts';

export interface DrainerOptions {
  /** Rows per insert: large enough to amortise the engine's per-insert cost. */
  rowsPerInsert: number;
  /** Backoff after a failed insert starts here and doubles up to `maxBackoffMs`. */
  minBackoffMs: number;
  maxBackoffMs: number;
  /**
   * Told the trace ids of every segment once its spans are stored. `replayed`: the segment was
   * left by an earlier run, so whatever assembles episodes never saw those spans.
   */
  onStored?: (traceIds: ReadonlySet<string>, segment: { replayed: boolean }) => void;
}

export interface DrainerStats {
  storedSpans: number;
  replayedSegments: number;
  storeErrors: number;
  /** Failed inserts by the store's reason (refusals that were split count too). */
  storeErrorsByReason: Map<StoreErrorReason, number>;
  /** Bytes after a segment's last whole record, found when reading it (a crash mid-write). */
  tornBytes: number;
  /** Whether the last insert failed (the store is refusing writes). */
  storeFailing: boolean;
}

/**
 * Moves closed spool segments into the store, oldest first: insert every row, then delete the
 * segment, then report the stored trace ids. A crash between insert and delete replays the
 * segment; the spans table collapses the repeat, so replay never duplicates.
 */
export class SpoolDrainer {
  readonly stats: DrainerStats = {
    storedSpans: 0,
    replayedSegments: 0,
    storeErrors: 0,
    storeErrorsByReason: new Map(),
    tornBytes: 0,
    storeFailing: false,
  };
  readonly deadLetters: DeadLetters;
  private wake: (() => void) | undefined;
  private idleWaiters: Array<() => void> = [];
  /** Segments left by an earlier run: their spans reached no assembler, so `onStored` says so. */
  private readonly replayed: Set<string>;
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly spool: Spool,
    private readonly store: Store,
    private readonly options: DrainerOptions,
    private readonly log: Logger,
  ) {
    this.deadLetters = new DeadLetters(store, log);
    this.replayed = new Set(spool.closedSegments());
    this.stats.replayedSegments = this.replayed.size;
    spool.onSegmentClosed(() => this.wake?.());
  }

  start(): void {
    if (this.stats.replayedSegments > 0)
      this.log.info('replaying spooled spans left by the last run', { segments: this.stats.replayedSegments });
    this.loop = this.run();
  }

  /** Resolves once everything spooled so far (the open segment included) is in the store. */
  async flush(): Promise<void> {
    await this.spool.closeCurrentSegment();
    if (this.spool.closedSegments().length === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drains everything spooled so far (the open segment included), then stops. */
  async stop(): Promise<void> {
    await this.spool.closeCurrentSegment();
    this.stopped = true;
    this.wake?.();
    await this.loop;
    this.spool.unlock();
  }

  private async run(): Promise<void> {
    let backoffMs = this.options.minBackoffMs;
    for (;;) {
      const segment = this.spool.closedSegments()[0];
      if (!segment) {
        for (const resolve of this.idleWaiters.splice(0)) resolve();
        if (this.stopped) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      try {
        await this.drainSegment(segment);
        if (this.stats.storeFailing) this.log.info('store accepts writes again; draining the spool');
        this.stats.storeFailing = false;
        backoffMs = this.options.minBackoffMs;
      } catch (error) {
        this.countError(error);
        if (!this.stats.storeFailing) this.log.warn('store refused spooled spans; retrying with backoff', { error: String(error) });
        this.stats.storeFailing = true;
        // Shutdown does not wait out an outage: what is left stays spooled and replays on start.
        if (this.stopped) return;
        await new Promise((resolve) => setTimeout(resolve, backoffMs));
        backoffMs = Math.min(backoffMs * 2, this.options.maxBackoffMs);
      }
    }
  }

  private async drainSegment(path: string): Promise<void> {
    const { payloads, trailingBytes } = decodeSpoolSegment(await this.spool.readSegment(path));
    if (trailingBytes > 0) {
      this.stats.tornBytes += trailingBytes;
      this.log.warn('spool segment ends in bytes that are not a whole record (a write torn by a crash; never acknowledged)', {
        path,
        trailingBytes,
      });
    }
    const traceIds = new Set<string>();
    let chunk: Buffer[] = [];
    let chunkRows = 0;
    let storedRows = 0;
    for (const payload of payloads) {
      const batch = decodeSpanBatch(payload);
      for (const id of batch.traceIds) traceIds.add(id);
      chunk.push(batch.rowsText);
      chunkRows += countLines(batch.rowsText);
      if (chunkRows >= this.options.rowsPerInsert) {
        storedRows += await this.insertRows(Buffer.concat(chunk), chunkRows);
        chunk = [];
        chunkRows = 0;
      }
    }
    if (chunkRows > 0) storedRows += await this.insertRows(Buffer.concat(chunk), chunkRows);
    await this.spool.release(path);
    this.stats.storedSpans += storedRows;
    this.options.onStored?.(traceIds, { replayed: this.replayed.delete(path) });
  }

  /**
   * Inserts rows; when the store refuses them for a reason a retry cannot fix, splits them in
   * halves until the refused rows stand alone, stores the rest and holds those as dead letters.
   * A retryable refusal (the store is down or full) throws: the segment stays and is retried.
   * Returns the rows stored.
   */
  private async insertRows(rows: Buffer, rowCount: number): Promise<number> {
    try {
      await this.store.insertJsonCompact('spans', SPAN_COLUMNS, rows);
      return rowCount;
    } catch (error) {
      if (!(error instanceof StoreError) || error.retryable) throw error;
      this.countError(error);
      if (rowCount === 1) {
        await this.deadLetters.hold('spans', SPAN_COLUMNS, rows, error);
        return 0;
      }
      const middle = lineBoundary(rows, Math.floor(rowCount / 2));
      const half = Math.floor(rowCount / 2);
      return (await this.insertRows(rows.subarray(0, middle), half)) + (await this.insertRows(rows.subarray(middle), rowCount - half));
    }
  }

  private countError(error: unknown): void {
    this.stats.storeErrors += 1;
    const reason = error instanceof StoreError ? error.reason : 'other';
    this.stats.storeErrorsByReason.set(reason, (this.stats.storeErrorsByReason.get(reason) ?? 0) + 1);
  }
}

function countLines(text: Buffer): number {
  let lines = 0;
  for (let at = text.indexOf(10); at >= 0; at = text.indexOf(10, at + 1)) lines += 1;
  return lines;
}

/** The offset just after the `lines`-th newline. */
function lineBoundary(text: Buffer, lines: number): number {
  let at = -1;
  for (let seen = 0; seen < lines; seen++) at = text.indexOf(10, at + 1);
  return at + 1;
}
