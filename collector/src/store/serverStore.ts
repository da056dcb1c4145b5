import { Readable } from 'node:stream';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { toJsonCompactEachRow } from './jsonCompactEachRow.ts';
import { namedQuerySql, type QueryName } from './namedQueries.ts';
import {
  INSERT_SETTINGS,
  quoteIdentifier,
  SHARED_SETTINGS,
  storeError,
  type QueryParams,
  type RawFormat,
  type Store,
  type WritableTable,
} from './Store.ts';
import { parseTabSeparatedWithNames } from './tabSeparated.ts';

export interface ServerStoreOptions {
  url: string;
  username: string;
  password: string;
  database: string;
  /** Cluster mode: inserts into the Distributed tables return once every shard has its rows. */
  cluster?: string;
}

/** A ClickHouse server through the official client, answering exactly as the embedded store does. */
export class ServerStore implements Store {
  readonly backend = 'server' as const;
  private readonly client: ClickHouseClient;

  constructor(options: ServerStoreOptions) {
    this.client = createClient({
      url: options.url,
      username: options.username,
      password: options.password,
      database: options.database,
      clickhouse_settings: { ...SHARED_SETTINGS, ...(options.cluster ? { distributed_foreground_insert: 1 } : {}) },
      // Reads can be large (batch reads, panels) and the server may be far: gzip its answers.
      compression: { response: true },
      // A clustering batch asks by id lists (its flagged episodes, those whose answer it reads) that
      // can run to tens of thousands: past a few KB, parameters go in the body, not the request line.
      use_multipart_params_auto: true,
      // Failures come back as StoreErrors and are logged by the collector; the client's own console lines would repeat them.
      log: { level: ClickHouseLogLevel.OFF },
    });
  }

  async command(sql: string, params?: QueryParams): Promise<void> {
    await this.wrap('command', () => this.client.command({ query: sql, query_params: params }));
  }

  async query<Row>(sql: string, params?: QueryParams): Promise<Row[]> {
    return this.wrap('query', async () => {
      const result = await this.client.query({ query: sql, query_params: params, format: 'JSONEachRow' });
      return result.json<Row>();
    });
  }

  named<Row>(name: QueryName, params?: QueryParams): Promise<Row[]> {
    return this.query<Row>(namedQuerySql(name), params);
  }

  async namedText<Row>(name: QueryName, params?: QueryParams): Promise<Row[]> {
    return this.wrap('query', async () => {
      const result = await this.client.query({ query: namedQuerySql(name), query_params: params, format: 'TabSeparatedWithNames' });
      return parseTabSeparatedWithNames<Row>(await result.text());
    });
  }

  async namedTabSeparated(name: QueryName, params?: QueryParams): Promise<string> {
    return this.wrap('query', async () => {
      const result = await this.client.query({ query: namedQuerySql(name), query_params: params, format: 'TabSeparatedWithNames' });
      return result.text();
    });
  }

  async namedNative(name: QueryName, params?: QueryParams): Promise<Uint8Array> {
    return this.wrap('query', async () => {
      // `exec` hands back the answer's bytes as they come; `query` knows only the formats it parses.
      const result = await this.client.exec({ query: `${namedQuerySql(name)}\nFORMAT Native`, query_params: params });
      const chunks: Buffer[] = [];
      for await (const chunk of result.stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    });
  }

  async insert(table: WritableTable, rows: readonly object[]): Promise<void> {
    if (rows.length === 0) return;
    const { columns, payload } = toJsonCompactEachRow(rows);
    await this.insertJsonCompact(table, columns, payload);
  }

  async insertJsonCompact(table: WritableTable, columns: readonly string[], payload: Buffer): Promise<void> {
    await this.insertRaw(table, columns, payload, 'JSONCompactEachRow');
  }

  async insertRowBinary(table: WritableTable, columns: readonly string[], payload: Buffer): Promise<void> {
    await this.insertRaw(table, columns, payload, 'RowBinary');
  }

  async insertNative(table: WritableTable, columns: readonly string[], payload: Buffer): Promise<void> {
    await this.insertRaw(table, columns, payload, 'Native');
  }

  private async insertRaw(table: WritableTable, columns: readonly string[], payload: Buffer, format: RawFormat): Promise<void> {
    await this.wrap(`insert into ${table}`, async () => {
      // `exec` sends the payload's bytes as they are; `insert` would want rows to encode itself.
      const result = await this.client.exec({
        query: `INSERT INTO ${table} (${columns.map(quoteIdentifier).join(', ')}) FORMAT ${format}`,
        values: Readable.from([payload], { objectMode: false }),
        clickhouse_settings: INSERT_SETTINGS[table],
      });
      for await (const chunk of result.stream) void chunk;
    });
  }

  async ping(): Promise<boolean> {
    const result = await this.client.ping();
    return result.success;
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async wrap<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw storeError(what, error);
    }
  }
}
