import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ServerStore } from '../store/serverStore.ts';
import { StoreError } from '../store/Store.ts';
import { startClickHouseServerStandIn, type ClickHouseServerStandIn } from './clickHouseServerStandInProcess.ts';

/** The stand-in honours what a server honours, so the store contract against it means something. */
describe('ClickHouse server stand-in', () => {
  let dir: string;
  let server: ClickHouseServerStandIn;
  const clients: ClickHouseClient[] = [];
  const client = (options: Parameters<typeof createClient>[0] = {}) => {
    const made = createClient({ url: server.url, username: server.username, password: server.password, log: { level: 127 }, ...options });
    clients.push(made);
    return made;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trumpets-standin-'));
    server = await startClickHouseServerStandIn({ dataDir: dir });
  });
  afterAll(async () => {
    await Promise.all(clients.map((made) => made.close()));
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies the settings a request carries, to that request only: a wrong setting changes the answer', async () => {
    const read = async (quote: 0 | 1) => {
      const result = await client().query({
        query: 'SELECT toUInt64(18446744073709551615) AS n',
        format: 'JSONEachRow',
        clickhouse_settings: { output_format_json_quote_64bit_integers: quote },
      });
      return (await result.json<{ n: unknown }>())[0]?.n;
    };
    expect(await read(1)).toBe('18446744073709551615');
    // Quoting off: the value comes back as a JSON number and loses precision, which the store contract's 64-bit check catches.
    expect(await read(0)).not.toBe('18446744073709551615');
    expect(await read(1)).toBe('18446744073709551615');
  });

  it('refuses an unknown setting with the engine error, not retryable', async () => {
    const store = new ServerStore({ url: server.url, username: server.username, password: server.password, database: 'default' });
    const error = await store.query('SELECT 1 SETTINGS no_such_setting = 1').catch((caught: unknown) => caught);
    expect((error as StoreError).message).toMatch(/Unknown setting/);
    expect((error as StoreError).retryable).toBe(false);
    await store.close();
  });

  it('reads gzip request bodies and gzips answers the client asked to have compressed', async () => {
    const compressing = client({ compression: { request: true, response: true } });
    await compressing.command({ query: 'CREATE TABLE IF NOT EXISTS gz (id UInt32, text String) ENGINE = MergeTree ORDER BY id' });
    const rows = Array.from({ length: 500 }, (_, id) => ({ id, text: `row ${id} ${'x'.repeat(50)}` }));
    const before = server.requests.length;
    await compressing.insert({ table: 'gz', values: rows, format: 'JSONEachRow' });
    const result = await compressing.query({ query: 'SELECT count() AS n, sum(length(text)) AS chars FROM gz', format: 'JSONEachRow' });
    // No quoting setting sent: the engine's default (numbers) answers.
    expect(await result.json()).toEqual([{ n: 500, chars: rows.reduce((sum, row) => sum + row.text.length, 0) }]);
    // The stand-in reports each request on its own pipe, which may arrive after the answer.
    await vi.waitFor(() => expect(server.requests.length).toBeGreaterThanOrEqual(before + 2));
    const seen = server.requests.slice(before);
    expect(seen[0]?.gzipRequest).toBe(true);
    expect(seen[1]?.gzipResponse).toBe(true);
  });

  it('refuses a wrong password as a server does', async () => {
    const result = await client({ password: 'wrong' })
      .query({ query: 'SELECT 1' })
      .catch((caught: unknown) => caught);
    expect(result).toMatchObject({ code: '516', type: 'AUTHENTICATION_FAILED' });
  });
});
