import { Readable } from 'node:stream';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { toJsonCompactEachRow } from './jsonCompactEachRow.ts';
import { namedQuerySql, type QueryName } from './namedQueries.ts';
import { INSERT_SETTINGS, SHARED_SETTINGS, storeError, type QueryParams, type Store, type WritableTable } from './Store.ts';

export interface ServerStoreOptions {
  url: string;
  username: string;
  password: string;
  database: string;
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
      clickhouse_settings: { ...SHARED_SETTINGS },
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

  async insert(table: WritableTable, rows: readonly object[]): Promise<void> {
    if (rows.length === 0) return;
    const { columns, payload } = toJsonCompactEachRow(rows);
    await this.insertJsonCompact(table, columns, payload);
  }

  async insertJsonCompact(table: WritableTable, columns: readonly string[], payload: Buffer): Promise<void> {
    await this.wrap(`insert into ${table}`, () =>
      this.client.insert({
        table,
        values: Readable.from([payload]),
        columns: columns as [string, ...string[]],
        format: 'JSONCompactEachRow',
        clickhouse_settings: INSERT_SETTINGS[table],
      }),
    );
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
