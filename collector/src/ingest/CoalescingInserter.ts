interface QueuedWrite<Row> {
  /** Writes coalesce only with writes of the same partition, so an insert touches one. */
  partition: number;
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
    private readonly maxRowsPerInsert = 65_536,
  ) {}

  write(rows: readonly Row[], partition = 0): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ partition, rows, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.queue.length > 0) {
      // Whole writes only: one caller's rows never straddle two inserts.
      const { partition } = this.queue[0]!;
      const batch: Array<QueuedWrite<Row>> = [];
      let rowCount = 0;
      this.queue = this.queue.filter((write) => {
        const fits = write.partition === partition && (batch.length === 0 || rowCount + write.rows.length <= this.maxRowsPerInsert);
        if (fits) {
          batch.push(write);
          rowCount += write.rows.length;
        }
        return !fits;
      });
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
