import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup } from '@trumpets/instrumentation';
import { runSampleAgent } from '@trumpets/instrumentation/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations } from '../store/migrations.ts';
import { ServerStore } from '../store/serverStore.ts';
import { startClickHouseServerStandIn, type ClickHouseServerStandIn } from '../testing/clickHouseServerStandInProcess.ts';
import { startCollectorProcess, type CollectorProcess } from '../testing/collectorProcess.ts';

/**
 * The server backend end to end: the real `trumpets start` process with CLICKHOUSE_URL pointing at
 * the ClickHouse server stand-in, the tracer's stock exporter sending a sample agent's episodes,
 * then the rows read back through @clickhouse/client.
 */
let dir: string;
let server: ClickHouseServerStandIn;
let collector: CollectorProcess;
let store: ServerStore;
let sent: { episodes: number; failures: number };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trumpets-server-e2e-'));
  server = await startClickHouseServerStandIn({ dataDir: join(dir, 'clickhouse') });
  collector = await startCollectorProcess(join(dir, 'collector'), {
    CLICKHOUSE_URL: server.url,
    CLICKHOUSE_USER: server.username,
    CLICKHOUSE_PASSWORD: server.password,
  });
  const tracing = setup({ serviceName: 'server-e2e', endpoint: `${collector.url}/v1/traces` });
  try {
    sent = await runSampleAgent({ episodes: 20, seed: 21 });
  } finally {
    await tracing.shutdown();
  }
  expect(await collector.stop()).toBe(0);
  store = new ServerStore({ url: server.url, username: server.username, password: server.password, database: 'default' });
});
afterAll(async () => {
  await collector?.stop();
  await store?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('collector on a ClickHouse server (the stand-in) through @clickhouse/client', () => {
  it('migrates the server from empty', async () => {
    const rows = await store.query<{ n: string }>('SELECT count() AS n FROM schema_migrations FINAL');
    expect(Number(rows[0]?.n)).toBe(readMigrations().length);
  });

  it('stores every episode the agent sent, failures as the agent saw them, with their spans and tool calls', async () => {
    const [episodes] = await store.query<{ episodes: string; failures: string }>(
      "SELECT count() AS episodes, countIf(Outcome = 'failure') AS failures FROM episodes FINAL WHERE ServiceName = 'server-e2e'",
    );
    expect(episodes).toEqual({ episodes: String(sent.episodes), failures: String(sent.failures) });
    const [spans] = await store.query<{ traces: string }>(
      "SELECT uniqExact(TraceId) AS traces FROM spans FINAL WHERE ServiceName = 'server-e2e'",
    );
    expect(spans?.traces).toBe(String(sent.episodes));
    const [tools] = await store.query<{ n: string }>('SELECT count() AS n FROM tool_calls FINAL');
    expect(Number(tools?.n)).toBeGreaterThan(0);
  });

  it('went through the server interface with the store settings on every request', () => {
    expect(server.requests.length).toBeGreaterThan(0);
    for (const request of server.requests) {
      expect(request.settings).toMatchObject({ output_format_json_quote_64bit_integers: '1', async_insert: '0' });
    }
  });
});
