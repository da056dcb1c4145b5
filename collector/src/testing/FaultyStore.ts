import type { QueryName } from '../store/namedQueries.ts';
import { StoreError, type QueryParams, type Store, type WritableTable } from '../store/Store.ts';

/**
 * Fault injection around a real store: while `refuseWrites` is set, every insert fails as a full
 * or broken disk would, so outage handling (503 + Retry-After, retries, backoff) is tested on the
 * real engine. Reads fail only when told to (`refuseReadsAfter`); commands pass through untouched.
 */
export class FaultyStore implements Store {
  private writeFault: { reason: string; retryable: boolean; table?: WritableTable } | undefined;
  private readFault: { reason: string; after: number; query?: QueryName } | undefined;
  private refusedMarker: Buffer | undefined;
  private delayTurns = 0;
  private inserting = 0;

  constructor(readonly inner: Store) {}

  get backend(): Store['backend'] {
    return this.inner.backend;
  }

  /**
   * `reason`: inserts fail with it, retryable as an outage is unless told otherwise (a write the
   * store will never take, such as a type error); only inserts into `table` when given;
   * `undefined` heals the store.
   */
  refuseWrites(reason: string | undefined, options: { retryable?: boolean; table?: WritableTable } = {}): void {
    this.writeFault = reason === undefined ? undefined : { reason, retryable: options.retryable ?? true, table: options.table };
  }

  /** Named TabSeparated reads (of `query` only, when given) fail with `reason` once `after` more have gone through; `undefined` heals. */
  refuseReadsAfter(after: number, reason: string | undefined, query?: QueryName): void {
    this.readFault = reason === undefined ? undefined : { reason, after, query };
  }

  /**
   * Inserts of rows whose bytes hold `marker` fail for good, as a value the store cannot parse
   * would, while every other insert goes in; `undefined` stops it.
   */
  refuseRowsContaining(marker: string | undefined): void {
    this.refusedMarker = marker === undefined ? undefined : Buffer.from(marker);
  }

  /** Every insert waits `turns` turns of the event loop before it goes on (or fails): writes left in flight while other work runs. */
  delayWrites(turns: number): void {
    this.delayTurns = turns;
  }

  /** Inserts started and not settled yet. */
  get insertsInFlight(): number {
    return this.inserting;
  }

  command(sql: string, params?: QueryParams): Promise<void> {
    return this.inner.command(sql, params);
  }

  query<Row>(sql: string, params?: QueryParams): Promise<Row[]> {
    return this.inner.query<Row>(sql, params);
  }

  named<Row>(name: QueryName, params?: QueryParams): Promise<Row[]> {
    return this.inner.named<Row>(name, params);
  }

  namedText<Row>(name: QueryName, params?: QueryParams): Promise<Row[]> {
    return this.inner.namedText<Row>(name, params);
  }

  namedTabSeparated(name: QueryName, params?: QueryParams): Promise<string> {
    return this.read(name, () => this.inner.namedTabSeparated(name, params));
  }

  namedNative(name: QueryName, params?: QueryParams): Promise<Uint8Array> {
    return this.read(name, () => this.inner.namedNative(name, params));
  }

  /** A read as `refuseReadsAfter` set: refused once its turn comes, else passed on. */
  private read<Result>(name: QueryName, run: () => Promise<Result>): Promise<Result> {
    if (this.readFault && (this.readFault.query ?? name) === name && this.readFault.after-- <= 0)
      return Promise.reject(new StoreError(`query ${name} failed: ${this.readFault.reason}`, true, { reason: 'injected' }));
    return run();
  }

  insert(table: WritableTable, rows: readonly object[]): Promise<void> {
    return this.inserted(table, undefined, () => this.inner.insert(table, rows));
  }

  insertJsonCompact(table: WritableTable, columns: readonly string[], payload: Buffer): Promise<void> {
    return this.inserted(table, payload, () => this.inner.insertJsonCompact(table, columns, payload));
  }

  insertRowBinary(table: WritableTable, columns: readonly string[], payload: Buffer): Promise<void> {
    return this.inserted(table, payload, () => this.inner.insertRowBinary(table, columns, payload));
  }

  insertNative(table: WritableTable, columns: readonly string[], payload: Buffer): Promise<void> {
    return this.inserted(table, payload, () => this.inner.insertNative(table, columns, payload));
  }

  ping(): Promise<boolean> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async inserted(table: WritableTable, payload: Buffer | undefined, insert: () => Promise<void>): Promise<void> {
    this.inserting++;
    try {
      for (let turn = 0; turn < this.delayTurns; turn++) await new Promise((resolve) => setImmediate(resolve));
      this.throwIfRefusing(table, payload);
      await insert();
    } finally {
      this.inserting--;
    }
  }

  private throwIfRefusing(table: WritableTable, payload?: Buffer): void {
    if (this.refusedMarker && payload?.includes(this.refusedMarker))
      throw new StoreError(`insert into ${table} failed: a row holds the refused marker`, false, { reason: 'bad_row' });
    if (this.writeFault && (this.writeFault.table === undefined || this.writeFault.table === table))
      throw new StoreError(`insert into ${table} failed: ${this.writeFault.reason}`, this.writeFault.retryable, { reason: 'injected' });
  }
}
