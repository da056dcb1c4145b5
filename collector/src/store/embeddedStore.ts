import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Session, type ChdbResult } from 'chdb';
import {
  INSERT_SETTINGS,
  quoteIdentifier,
  SHARED_SETTINGS,
  storeError,
  StoreError,
  type QueryParams,
  type RawFormat,
  type Store,
  type WritableTable,
} from './Store.ts';
import { DEFAULT_ENGINE_LIMITS, engineArguments, type EngineLimits } from './engineLimits.ts';
import { toJsonCompactEachRow } from './jsonCompactEachRow.ts';
import { namedQuerySql, type QueryName } from './namedQueries.ts';
import { parseTabSeparatedWithNames } from './tabSeparated.ts';

/**
 * Parallel parsing splits an insert's text across threads: on the two cores a collector shares
 * with its own event loop, the hand-offs cost more than they save (inserts ran 1.5× faster without).
 */
const EMBEDDED_SETTINGS = { input_format_parallel_parsing: 0 } as const;

/**
 * The embedded ClickHouse engine (chdb) in this process, data on disk under `dataDir`.
 * Only the async calls are used: the sync ones block the event loop.
 */
export class EmbeddedStore implements Store {
  readonly backend = 'embedded' as const;
  private readonly session: Session;
  private readonly purgeTimer: NodeJS.Timeout | undefined;
  /** Work since the last purge: an idle engine has nothing to hand back. */
  private busySincePurge = false;
  private purging: Promise<unknown> | undefined;
  /** Where RowBinary payloads wait for the engine to read them: its insert takes only text formats. */
  private readonly payloadDir: string;
  private payloads = 0;

  constructor(
    readonly dataDir: string,
    limits: EngineLimits = DEFAULT_ENGINE_LIMITS,
  ) {
    mkdirSync(dataDir, { recursive: true });
    const connectionArgs = [
      ...Object.entries({ ...SHARED_SETTINGS, ...EMBEDDED_SETTINGS }).map(([name, value]) => `--${name}=${value}`),
      ...engineArguments(limits),
    ];
    try {
      this.session = new Session(dataDir, { connectionArgs, installSignalHandlers: false });
    } catch (error) {
      // Usually another process holding the directory's lock: worth another try once it lets go.
      throw new StoreError(`cannot open the embedded store at ${dataDir} (is another collector using it?): ${messageOf(error)}`, true, {
        cause: error,
      });
    }
    // Once the directory is this process's: payloads there were left by one that died mid-insert.
    this.payloadDir = resolve(dataDir, 'insert_payloads');
    rmSync(this.payloadDir, { recursive: true, force: true });
    mkdirSync(this.payloadDir);
    if (limits.memoryPurgeIntervalMs > 0) {
      this.purgeTimer = setInterval(() => this.purgeFreedMemory(), limits.memoryPurgeIntervalMs);
      this.purgeTimer.unref();
    }
  }

  /** Hands the allocator's freed pages back to the system; a failed purge only leaves them resident. */
  private purgeFreedMemory(): void {
    if (!this.busySincePurge || this.purging) return;
    this.busySincePurge = false;
    this.purging = this.session
      .queryAsync('SYSTEM JEMALLOC PURGE')
      .catch(() => undefined)
      .finally(() => {
        this.purging = undefined;
      });
  }

  async command(sql: string, params?: QueryParams): Promise<void> {
    await this.run(sql, params, 'command');
  }

  async query<Row>(sql: string, params?: QueryParams): Promise<Row[]> {
    const text = await this.run(sql, params, 'query');
    return parseJsonEachRow<Row>(text);
  }

  named<Row>(name: QueryName, params?: QueryParams): Promise<Row[]> {
    return this.query<Row>(namedQuerySql(name), params);
  }

  async namedText<Row>(name: QueryName, params?: QueryParams): Promise<Row[]> {
    return parseTabSeparatedWithNames<Row>(await this.run(namedQuerySql(name), params, 'query', 'TabSeparatedWithNames'));
  }

  namedTabSeparated(name: QueryName, params?: QueryParams): Promise<string> {
    return this.run(namedQuerySql(name), params, 'query', 'TabSeparatedWithNames');
  }

  async namedNative(name: QueryName, params?: QueryParams): Promise<Uint8Array> {
    return (await this.execute(namedQuerySql(name), params, 'query', 'Native')).bytes();
  }

  async insert(table: WritableTable, rows: readonly object[]): Promise<void> {
    if (rows.length === 0) return;
    const { columns, payload } = toJsonCompactEachRow(rows);
    await this.insertJsonCompact(table, columns, payload);
  }

  async insertJsonCompact(table: WritableTable, columns: readonly string[], payload: Buffer): Promise<void> {
    await this.insertRaw(table, columns, payload, 'JSONCompactEachRow');
  }

  /**
   * Written to a file the engine reads back (`file(…, RowBinary)`, the table's own column types):
   * the payload reaches the engine's columns without text parsing, which cost an insert of many
   * short strings several times more than writing and reading the file.
   */
  insertRowBinary(table: WritableTable, columns: readonly string[], payload: Buffer): Promise<void> {
    return this.insertFromFile(table, columns, payload, 'RowBinary');
  }

  /** Written to a file the engine reads back (`file(…, Native)`, the block's own column types), as RowBinary is. */
  insertNative(table: WritableTable, columns: readonly string[], payload: Buffer): Promise<void> {
    return this.insertFromFile(table, columns, payload, 'Native');
  }

  private async insertFromFile(
    table: WritableTable,
    columns: readonly string[],
    payload: Buffer,
    format: 'RowBinary' | 'Native',
  ): Promise<void> {
    if (payload.length === 0) return;
    const path = join(this.payloadDir, `${table}-${++this.payloads}.${format.toLowerCase()}`);
    const settings = Object.entries(INSERT_SETTINGS[table] ?? {}).map(([name, value]) => `${name} = ${value}`);
    try {
      // Written at once, not in the three turns of an async open, write and close: while this loop
      // was busy (a clustering pass assigning its next slice) each turn waited for it, and a
      // membership insert reached the engine up to 200 ms after it was encoded, the engine idle.
      writeFileSync(path, payload);
      await this.run(
        `INSERT INTO ${table} (${columns.map(quoteIdentifier).join(', ')}) SELECT * FROM file({path:String}, ${format})${settings.length > 0 ? ` SETTINGS ${settings.join(', ')}` : ''}`,
        { path },
        `insert into ${table}`,
      );
    } catch (error) {
      throw error instanceof StoreError ? error : storeError(`insert into ${table}`, error);
    } finally {
      // At once too: the insert is not done until its file is gone.
      rmSync(path, { force: true });
    }
  }

  private async insertRaw(
    table: WritableTable,
    columns: readonly string[],
    payload: Buffer,
    format: Exclude<RawFormat, 'RowBinary' | 'Native'>,
  ): Promise<void> {
    try {
      await this.session.insert({ table, columns, values: payload, format, settings: INSERT_SETTINGS[table] });
    } catch (error) {
      throw storeError(`insert into ${table}`, error);
    } finally {
      this.busySincePurge = true;
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.session.queryAsync('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.purgeTimer);
    await this.purging;
    this.session.close();
  }

  private async run(sql: string, params: QueryParams | undefined, what: string, format = 'JSONEachRow'): Promise<string> {
    return (await this.execute(sql, params, what, format)).text();
  }

  private async execute(sql: string, params: QueryParams | undefined, what: string, format: string): Promise<ChdbResult> {
    try {
      return params ? await this.session.queryBindAsync(sql, params, { format }) : await this.session.queryAsync(sql, { format });
    } catch (error) {
      throw storeError(what, error);
    } finally {
      this.busySincePurge = true;
    }
  }
}

function parseJsonEachRow<Row>(text: string): Row[] {
  const rows: Row[] = [];
  for (const line of text.split('\n')) {
    if (line.length > 0) rows.push(JSON.parse(line) as Row);
  }
  return rows;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
