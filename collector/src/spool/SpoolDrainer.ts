import type { Logger } from '../log/logger.ts';
import { readSpanRow, SPAN_COLUMNS } from '../spans/spanRows.ts';
import { RowBinaryReader } from '../store/rowBinary.ts';
import type { StoreErrorReason } from '../store/storeErrors.ts';
import { StoreError, type Store } from '../store/Store.ts';
import { DeadLetters } from './DeadLetters.ts';
import { decodeSpanBatch, rowsBoundary, type DayRows, type SpanRowFormat } from './spanBatchPayload.ts';
import type { Spool } from './Spool.ts';
import { decodeSpoolSegment } from './spoolRecord.ts';

export interface DrainerOptions {
  /** Rows per insert: large enough to amortise the engine's per-insert cost. */
  rowsPerInsert: number;
  /** Segment bytes read per pass: a pass may gather several small segments into one insert. */
  bytesPerPass: number;
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
      const segments = this.spool.closedSegments();
      if (segments.length === 0) {
        for (const resolve of this.idleWaiters.splice(0)) resolve();
        if (this.stopped) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      try {
        await this.drainSegments(segments);
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

  /**
   * Stores the oldest segments (as many as one pass reads), then deletes them. Rows are gathered
   * by start day across the segments' records, so an insert is large and touches one partition.
   */
  private async drainSegments(closed: readonly string[]): Promise<void> {
    // By format and day: records from before rows became binary are inserted as the text they hold.
    const byDay = new Map<string, { format: SpanRowFormat; chunks: RowsChunk[]; rows: number }>();
    const traceIdsOf = new Map<string, Set<string>>();
    const taken: string[] = [];
    let bytes = 0;
    let storedRows = 0;
    for (const path of closed) {
      if (taken.length > 0 && bytes >= this.options.bytesPerPass) break;
      const segment = await this.spool.readSegment(path);
      taken.push(path);
      const traceIds = new Set<string>();
      traceIdsOf.set(path, traceIds);
      bytes += segment.length;
      const { payloads, trailingBytes } = decodeSpoolSegment(segment);
      if (trailingBytes > 0) {
        this.stats.tornBytes += trailingBytes;
        this.log.warn('spool segment ends in bytes that are not a whole record (a write torn by a crash; never acknowledged)', {
          path,
          trailingBytes,
        });
      }
      for (const payload of payloads) {
        const batch = decodeSpanBatch(payload);
        for (const id of batch.traceIds) traceIds.add(id);
        for (const group of batch.groups) {
          const key = `${group.format} ${group.day}`;
          const pending = byDay.get(key) ?? { format: group.format, chunks: [], rows: 0 };
          byDay.set(key, pending);
          pending.chunks.push(group);
          pending.rows += group.rows;
          if (pending.rows >= this.options.rowsPerInsert) {
            byDay.delete(key);
            storedRows += await this.insertChunks(pending.format, pending.chunks);
          }
        }
      }
    }
    for (const pending of byDay.values()) storedRows += await this.insertChunks(pending.format, pending.chunks);
    for (const path of taken) await this.spool.release(path);
    this.stats.storedSpans += storedRows;
    for (const path of taken) this.options.onStored?.(traceIdsOf.get(path)!, { replayed: this.replayed.delete(path) });
  }

  /**
   * Inserts the records' rows as one insert; when the store refuses them for a reason a retry
   * cannot fix, splits them in halves, whole records first (so a bad record cannot spoil the rows
   * of good ones it was sent with), then the rows of the one refused, until the refused rows stand
   * alone; stores the rest and holds those as dead letters. A retryable refusal (the store is down
   * or full) throws: the segment stays and is retried. Returns the rows stored.
   */
  private async insertChunks(format: SpanRowFormat, chunks: readonly RowsChunk[]): Promise<number> {
    const rows = chunks.reduce((sum, chunk) => sum + chunk.rows, 0);
    try {
      const data = chunks.length === 1 ? chunks[0]!.data : Buffer.concat(chunks.map((chunk) => chunk.data));
      if (format === 'RowBinary') await this.store.insertRowBinary('spans', SPAN_COLUMNS, data);
      else await this.store.insertJsonCompact('spans', SPAN_COLUMNS, data);
      return rows;
    } catch (error) {
      if (!(error instanceof StoreError) || error.retryable) throw error;
      this.countError(error);
      const halves = halvesOf(format, chunks);
      if (halves === undefined) {
        await this.deadLetters.hold('spans', SPAN_COLUMNS, deadLetterText(format, chunks[0]!.data), error);
        return 0;
      }
      return (await this.insertChunks(format, halves[0])) + (await this.insertChunks(format, halves[1]));
    }
  }

  private countError(error: unknown): void {
    this.stats.storeErrors += 1;
    const reason = error instanceof StoreError ? error.reason : 'other';
    this.stats.storeErrorsByReason.set(reason, (this.stats.storeErrorsByReason.get(reason) ?? 0) + 1);
  }
}

/** The rows of one record (one day's of one request), or a part of them. */
type RowsChunk = Pick<DayRows, 'data' | 'rows'>;

/**
 * Chunks in two halves: of the list, or of the one chunk's rows; `undefined` for a single row,
 * and for binary rows that cannot be walked (never written so, the spool's checksums held): they
 * are held whole rather than retried for ever in front of every segment behind them.
 */
function halvesOf(format: SpanRowFormat, chunks: readonly RowsChunk[]): [RowsChunk[], RowsChunk[]] | undefined {
  if (chunks.length > 1) {
    const middle = Math.ceil(chunks.length / 2);
    return [chunks.slice(0, middle), chunks.slice(middle)];
  }
  const { data, rows } = chunks[0]!;
  if (rows <= 1) return undefined;
  const half = Math.floor(rows / 2);
  let boundary: number;
  try {
    boundary = rowsBoundary(format, data, half);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  return [[{ data: data.subarray(0, boundary), rows: half }], [{ data: data.subarray(boundary), rows: rows - half }]];
}

/** What a dead letter holds: a binary span row as the JSONCompactEachRow line an operator can read and replay; other rows as they are. */
function deadLetterText(format: SpanRowFormat, rows: Buffer): Buffer {
  if (format !== 'RowBinary') return rows;
  try {
    return Buffer.from(JSON.stringify(readSpanRow(new RowBinaryReader(rows))));
  } catch (error) {
    if (error instanceof RangeError) return rows;
    throw error;
  }
}
