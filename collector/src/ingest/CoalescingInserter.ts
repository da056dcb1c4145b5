interface QueuedWrite<Row> {
  rows: readonly Row[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Inserts rows for many concurrent requests as few large inserts: while one insert runs, the
 * writes that arrive queue up and go together in the next. Each caller's promise settles when
 * its own rows are written (or fail), so an acknowledgement is never given for unwritten rows.
 */
export class CoalescingInserter<Row> {
  private queue: Array<QueuedWrite<Row>> = [];
  private draining = false;

  constructor(
    /** One insert of the rows of every write it is given. */
    private readonly insert: (rows: readonly Row[]) => Promise<void>,
    private readonly maxRowsPerInsert = 16_000,
  ) {}

  write(rows: readonly Row[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.queue.length > 0) {
      // Whole writes only: one caller's rows never straddle two inserts.
      let taken = 0;
      let rowCount = 0;
      while (taken < this.queue.length && (taken === 0 || rowCount + this.queue[taken]!.rows.length <= this.maxRowsPerInsert)) {
        rowCount += this.queue[taken]!.rows.length;
        taken += 1;
      }
      const batch = this.queue.splice(0, taken);
      try {
        await this.insert(batch.length === 1 ? batch[0]!.rows : batch.flatMap((write) => write.rows));
        for (const write of batch) write.resolve();
      } catch (error) {
        for (const write of batch) write.reject(error);
      }
    }
    this.draining = false;
  }
}
