import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from './embeddedStore.ts';
import { readMigrations, runMigrations } from './migrations.ts';
import { ServerStore } from './serverStore.ts';
import { StoreError, type Store } from './Store.ts';

/** The same contract, run on every backend we can reach here. */
const backends: Array<{ name: string; open: () => { store: Store; cleanup: () => void } }> = [
  {
    name: 'embedded (chdb)',
    open: () => {
      const dir = mkdtempSync(join(tmpdir(), 'trumpets-store-'));
      return { store: new EmbeddedStore(dir), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
];
const serverUrl = process.env.CLICKHOUSE_URL;
if (serverUrl) {
  backends.push({
    name: `server (${serverUrl})`,
    open: () => ({
      store: new ServerStore({
        url: serverUrl,
        username: process.env.CLICKHOUSE_USER ?? 'default',
        password: process.env.CLICKHOUSE_PASSWORD ?? '',
        database: 'default',
      }),
      cleanup: () => {},
    }),
  });
} else {
  describe.skip('store contract on a ClickHouse server: skipped, CLICKHOUSE_URL is not set', () => {
    it('runs when CLICKHOUSE_URL points at a server', () => {});
  });
}

describe.each(backends)('store contract: $name', ({ open }) => {
  let store: Store;
  let cleanup: () => void;

  beforeAll(async () => {
    ({ store, cleanup } = open());
    await runMigrations(store);
  });
  afterAll(async () => {
    await store.close();
    cleanup();
  });

  it('applies every migration once and records it, so a second run applies nothing', async () => {
    const second = await runMigrations(store);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toBe(readMigrations().length);
    const tables = await store.query<{ name: string }>('SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name');
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['corrections', 'episode_sources', 'episodes', 'schema_migrations', 'spans', 'tool_calls']),
    );
  });

  it('round-trips a span with nanosecond times, maps and events, and returns 64-bit integers as strings', async () => {
    await store.insert('spans', [spanRow('a1', 's1')]);
    const rows = await store.query<Record<string, unknown>>(
      'SELECT StartTimeUnixNano, Duration, toString(Timestamp) AS ts, SpanAttributes, `Events.Name` AS eventNames, OperationName FROM spans FINAL WHERE TraceId = {traceId:String}',
      { traceId: 'a1' },
    );
    expect(rows).toEqual([
      {
        StartTimeUnixNano: '1732500000123456789',
        Duration: '1000000',
        ts: '2024-11-25 02:00:00.123456789',
        SpanAttributes: { 'gen_ai.operation.name': 'invoke_agent', k: 'v' },
        eventNames: ['trumpets.source'],
        OperationName: 'invoke_agent',
      },
    ]);
  });

  it('shows a span delivered twice as one row', async () => {
    await store.insert('spans', [spanRow('dup', 's1'), spanRow('dup', 's2')]);
    await store.insert('spans', [spanRow('dup', 's1')]);
    const [row] = await store.query<{ n: string }>('SELECT count() AS n FROM spans FINAL WHERE TraceId = {t:String}', { t: 'dup' });
    expect(row?.n).toBe('2');
  });

  it('binds hostile values as values, never as SQL', async () => {
    const hostile = "x' OR 1=1 --";
    const rows = await store.query<{ n: string }>('SELECT count() AS n FROM spans FINAL WHERE TraceId = {t:String}', { t: hostile });
    expect(rows[0]?.n).toBe('0');
  });

  it('wraps engine errors in StoreError with the engine message', async () => {
    const failure = store.query('SELECT * FROM no_such_table');
    await expect(failure).rejects.toBeInstanceOf(StoreError);
    await expect(failure).rejects.toThrow(/no_such_table/);
  });

  it('runs a named query from queries/ with its parameters bound', async () => {
    await store.insert('spans', [spanRow('named', 's1')]);
    const rows = await store.named<{ SpanId: string }>('trace_spans', { traceIds: ['named'] });
    expect(rows.map((row) => row.SpanId)).toEqual(['s1']);
  });

  it('marks a syntax error and an unknown table as not worth retrying', async () => {
    await expect(store.query('SELEC 1')).rejects.toMatchObject({ name: 'StoreError', retryable: false });
    await expect(store.query('SELECT * FROM no_such_table')).rejects.toMatchObject({ retryable: false });
  });

  it('answers ping', async () => {
    expect(await store.ping()).toBe(true);
  });
});

function spanRow(traceId: string, spanId: string) {
  return {
    TraceId: traceId,
    SpanId: spanId,
    ParentSpanId: '',
    TraceState: '',
    SpanName: 'invoke_agent demo',
    SpanKind: 'INTERNAL',
    ServiceName: 'svc',
    ResourceAttributes: { 'service.name': 'svc' },
    ScopeName: 'test',
    ScopeVersion: '1',
    SpanAttributes: { 'gen_ai.operation.name': 'invoke_agent', k: 'v' },
    StartTimeUnixNano: '1732500000123456789',
    EndTimeUnixNano: '1732500000124456789',
    StatusCode: 'OK',
    StatusMessage: '',
    'Events.Timestamp': ['1732500000.123456999'],
    'Events.Name': ['trumpets.source'],
    'Events.Attributes': [{ 'trumpets.source.id': 'doc-1' }],
    'Links.TraceId': [],
    'Links.SpanId': [],
    'Links.TraceState': [],
    'Links.Attributes': [],
  };
}
