import { createHash } from 'node:crypto';
import type { Logger } from '../log/logger.ts';
import type { StoreErrorReason } from '../store/storeErrors.ts';
import type { Store, StoreError, WritableTable } from '../store/Store.ts';

export interface DeadLetterRow {
  Id: string;
  TableName: string;
  Columns: string[];
  Row: string;
  Reason: string;
  Error: string;
  Status: 'held' | 'replayed';
  FirstHeldAt: string;
}

/**
 * Where rows go that the store refuses for good (a value it cannot parse, a batch it cannot
 * place): the `dead_letters` table, so one bad row never holds back the rows behind it, and an
 * operator can read it and replay it. Each reason is logged the first time only; counts go to /metrics.
 */
export class DeadLetters {
  /** Rows held, by the store's reason. */
  readonly counts = new Map<StoreErrorReason, number>();

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
  ) {}

  async hold(table: WritableTable, columns: readonly string[], row: Buffer, error: StoreError): Promise<void> {
    const text = row.toString('utf8').trimEnd();
    const now = storeTime(new Date());
    await this.store.insert('dead_letters', [
      {
        Id: createHash('sha256').update(table).update('\n').update(text).digest('hex').slice(0, 32),
        TableName: table,
        Columns: columns,
        Row: text,
        Reason: error.reason,
        Error: error.message.slice(0, 2000),
        Status: 'held',
        FirstHeldAt: now,
        UpdatedAt: now,
      },
    ]);
    const count = (this.counts.get(error.reason) ?? 0) + 1;
    this.counts.set(error.reason, count);
    if (count === 1)
      this.log.warn('the store refused a row for good; it is held in dead_letters (see `trumpets dead-letters list`)', {
        table,
        reason: error.reason,
        error: error.message.slice(0, 500),
      });
  }
}

/** Held dead letters, oldest first. */
export function listDeadLetters(store: Store, limit = 1000): Promise<DeadLetterRow[]> {
  return store.named<DeadLetterRow>('dead_letters_held', { limit });
}

/** DateTime64(3) text in UTC, as both backends parse it. */
export function storeTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
