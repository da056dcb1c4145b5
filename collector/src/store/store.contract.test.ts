import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations, runMigrations } from './migrations.ts';
import { applyRetention, DEFAULT_RETENTION } from './retention.ts';
import { storeBackends } from '../testing/storeBackends.ts';
import { StoreError, type Store } from './Store.ts';
import { idChunks } from './idChunks.ts';
import { NativeBlockWriter } from './nativeBlock.ts';
import { readNativeBlocks } from './nativeReader.ts';
import { RowBinaryWriter } from './rowBinary.ts';
import { parseTabSeparatedWithNames } from './tabSeparated.ts';
import { storedEpisodeRow } from '../testing/storedEpisodeRow.ts';

/** The same contract, run on every backend we can reach here. */
const backends = storeBackends();

describe.each(backends)('store contract: $name', ({ open }) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let kill: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ store, cleanup, kill } = await open());
    await runMigrations(store);
  });
  afterAll(async () => {
    await store.close();
    await cleanup();
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

  it('binds parameters of every type the queries use, byte for byte', async () => {
    const text = "tab\there, newline\nthere, back\\slash, 'quote', \u00e9\u{1F600}";
    const [row] = await store.query<Record<string, unknown>>(
      `SELECT {s:String} AS s, {ids:Array(String)} AS ids, {n:UInt64} AS n, {i:Int32} AS i, {f:Float64} AS f,
              toString({t:DateTime64(3)}) AS t, {m:Map(String, String)} AS m, {maybe:Nullable(String)} AS maybe`,
      { s: text, ids: [text, 'b'], n: '18446744073709551615', i: -7, f: 0.25, t: '2026-12-01 10:00:00.123', m: { k: text }, maybe: null },
    );
    expect(row).toEqual({
      s: text,
      ids: [text, 'b'],
      n: '18446744073709551615',
      i: -7,
      f: 0.25,
      t: '2026-12-01 10:00:00.123',
      m: { k: text },
      maybe: null,
    });
  });

  it('takes a ready-made JSONCompactEachRow payload as it is', async () => {
    await store.insertJsonCompact('schema_migrations', ['Version', 'Name'], Buffer.from('[9001,"contract"]\n'));
    const rows = await store.query<{ Name: string }>('SELECT Name FROM schema_migrations FINAL WHERE Version = 9001');
    expect(rows).toEqual([{ Name: 'contract' }]);
    await store.command('ALTER TABLE schema_migrations DELETE WHERE Version = 9001 SETTINGS mutations_sync = 1');
  });

  it('marks statements the store refuses as not retryable', async () => {
    for (const sql of ['SELEC 1', 'SELECT * FROM no_such_table', "SELECT toUInt8('x')"]) {
      const error = await store.query(sql).catch((caught: unknown) => caught);
      expect(error, sql).toBeInstanceOf(StoreError);
      expect((error as StoreError).retryable, sql).toBe(false);
    }
    const badRow = await store.insert('schema_migrations', [{ Version: 'not a number', Name: 'x' }]).catch((caught: unknown) => caught);
    expect((badRow as StoreError).retryable).toBe(false);
    expect((badRow as StoreError).reason).toBe('bad_row');
  });

  it('marks a memory limit, a timeout and too many parts as retryable', async () => {
    const memory = await store
      .query('SELECT count() FROM (SELECT groupArray(number) FROM numbers(1000000)) SETTINGS max_memory_usage = 100000')
      .catch((caught: unknown) => caught);
    expect((memory as StoreError).message).toMatch(/memory limit/i);
    expect((memory as StoreError).retryable).toBe(true);
    const timeout = await store
      .query("SELECT sleepEachRow(0.3) FROM numbers(3) SETTINGS max_execution_time = 0.1, timeout_overflow_mode = 'throw'")
      .catch((caught: unknown) => caught);
    expect((timeout as StoreError).message).toMatch(/timeout/i);
    expect((timeout as StoreError).retryable).toBe(true);
    await store.command('DROP TABLE IF EXISTS contract_parts');
    await store.command(
      'CREATE TABLE contract_parts (Version UInt32, Name String) ENGINE = MergeTree ORDER BY Version SETTINGS parts_to_throw_insert = 1',
    );
    await store.command("INSERT INTO contract_parts VALUES (1, 'a')");
    const parts = await store.command("INSERT INTO contract_parts VALUES (2, 'b')").catch((caught: unknown) => caught);
    expect((parts as StoreError).message).toMatch(/too many parts/i);
    expect((parts as StoreError).retryable).toBe(true);
    await store.command('DROP TABLE contract_parts');
  });

  it('keeps rows for the configured days, dropping whole expired day partitions, and changes only what differs', async () => {
    const ttlOf = async (table: string) => {
      const [row] = await store.query<{ engine_full: string }>(
        'SELECT engine_full FROM system.tables WHERE database = currentDatabase() AND name = {table:String}',
        { table },
      );
      return /TTL (\S+ \+ \S+)/.exec(row?.engine_full ?? '')?.[1];
    };
    expect(await applyRetention(store, DEFAULT_RETENTION)).toEqual(
      expect.arrayContaining([
        { table: 'spans', days: 30 },
        { table: 'episodes', days: 90 },
      ]),
    );
    expect(await ttlOf('spans')).toBe('toDateTime(Timestamp) + toIntervalDay(30)');
    expect(await ttlOf('tool_calls')).toBe('toDateTime(StartTime) + toIntervalDay(90)');
    expect(await ttlOf('releases')).toBeUndefined();
    expect(await applyRetention(store, DEFAULT_RETENTION)).toEqual([]);
    expect(await applyRetention(store, { ...DEFAULT_RETENTION, spans: 7 })).toEqual([{ table: 'spans', days: 7 }]);

    const daysAgo = (days: number) => String(BigInt(Date.now() - days * 86_400_000) * 1_000_000n);
    await store.insert('spans', [{ ...spanRow('retained-old', 's1'), StartTimeUnixNano: daysAgo(40), EndTimeUnixNano: daysAgo(40) }]);
    await store.insert('spans', [{ ...spanRow('retained-new', 's1'), StartTimeUnixNano: daysAgo(1), EndTimeUnixNano: daysAgo(1) }]);
    await store.command('OPTIMIZE TABLE spans FINAL');
    const kept = await store.query<{ TraceId: string }>("SELECT TraceId FROM spans WHERE TraceId LIKE 'retained-%' ORDER BY TraceId");
    expect(kept).toEqual([{ TraceId: 'retained-new' }]);

    expect(await applyRetention(store, { ...DEFAULT_RETENTION, spans: 0 })).toEqual([{ table: 'spans', days: 0 }]);
    expect(await ttlOf('spans')).toBeUndefined();
  });

  it('writes RowBinary rows and reads a named query back as text, tabs, newlines, backslashes and long text intact', async () => {
    const short = "tab\there, line\nbreak, back\\slash, quote ' and “curly”, 🎺";
    // Past 127 bytes a string's length takes two bytes.
    const long = `${short} ${'é'.repeat(150)}`;
    const columns = ['FailureId', 'EpisodeId', 'ClusterId', 'TemplateId', 'Kind', 'Text', 'OccurredAt', 'AssignedAt'];
    // Failures of now: older ones may already be past the retention the contract sets above.
    const nowMs = Date.now();
    const rows = new RowBinaryWriter(16);
    for (const [id, text] of [
      ['rb-1', short],
      ['rb-2', long],
    ] as const) {
      for (const value of [id, 'ep\t1', 'fm_rb', 'ft_rb', 'failure', text]) rows.string(value);
      rows.dateTime64(nowMs);
      rows.dateTime64(nowMs * 1000);
    }
    await store.insertRowBinary('failure_cluster_members', columns, rows.bytes());
    const params = { clusterIds: ['fm_rb'], fromMs: 0, toMs: 2_000_000_000_000, agent: '', limit: 10, offset: 0 };
    const read = await store.namedText<{ FailureId: string; EpisodeId: string; Text: string; occurredMs: string }>(
      'failure_mode_members',
      params,
    );
    expect(
      read
        .map(({ FailureId, EpisodeId, Text, occurredMs }) => ({ FailureId, EpisodeId, Text, occurredMs }))
        .sort((a, b) => a.FailureId.localeCompare(b.FailureId)),
    ).toEqual([
      { FailureId: 'rb-1', EpisodeId: 'ep\t1', Text: short, occurredMs: String(nowMs) },
      { FailureId: 'rb-2', EpisodeId: 'ep\t1', Text: long, occurredMs: String(nowMs) },
    ]);
    expect(parseTabSeparatedWithNames(await store.namedTabSeparated('failure_mode_members', params))).toEqual(read);
  });

  it('writes a Native block, its String columns into LowCardinality ones, and reads it back intact', async () => {
    const text = 'tab\there, line\nbreak, back\\slash, “curly” '.padEnd(200, 'é');
    const nowMs = Date.now();
    const ids = ['nb-1', 'nb-2'];
    const columns = ['FailureId', 'EpisodeId', 'ClusterId', 'TemplateId', 'Kind', 'Text', 'OccurredAt', 'AssignedAt'];
    const block = new NativeBlockWriter(columns, ids.length, 16);
    for (const [column, values] of [
      ['FailureId', ids],
      ['EpisodeId', ['ep\t2', 'ep\t2']],
      ['ClusterId', ['fm_nb', 'fm_nb']],
      ['TemplateId', ['ft_nb', 'ft_nb']],
      ['Kind', ['failure', 'tool_error']],
      ['Text', [text, '']],
    ] as const) {
      const writer = block.column(column, 'String');
      for (const value of values) writer.string(value);
    }
    for (const [column, type, ticks] of [
      ['OccurredAt', 'DateTime64(3)', nowMs],
      ['AssignedAt', 'DateTime64(6)', nowMs * 1000],
    ] as const) {
      const writer = block.column(column, type);
      for (const _ of ids) writer.dateTime64(ticks);
    }
    await store.insertNative('failure_cluster_members', columns, block.bytes());
    const read = await store.query<{
      FailureId: string;
      EpisodeId: string;
      Kind: string;
      Text: string;
      occurredMs: string;
      assignedMicros: string;
    }>(
      `SELECT FailureId, EpisodeId, Kind, Text, toString(toUnixTimestamp64Milli(OccurredAt)) AS occurredMs,
              toString(toUnixTimestamp64Micro(AssignedAt)) AS assignedMicros
       FROM failure_cluster_members FINAL WHERE ClusterId = 'fm_nb' ORDER BY FailureId`,
    );
    expect(read).toEqual([
      {
        FailureId: 'nb-1',
        EpisodeId: 'ep\t2',
        Kind: 'failure',
        Text: text,
        occurredMs: String(nowMs),
        assignedMicros: String(nowMs * 1000),
      },
      {
        FailureId: 'nb-2',
        EpisodeId: 'ep\t2',
        Kind: 'tool_error',
        Text: '',
        occurredMs: String(nowMs),
        assignedMicros: String(nowMs * 1000),
      },
    ]);
  });

  it('writes LowCardinality columns of a Native block whose keys need one, two or four bytes an index, into String and LowCardinality columns', async () => {
    // 70,000 rows: every template its own key (UInt32 indexes), 300 modes (UInt16), two kinds (UInt8).
    const rows = 70_000;
    const nowMs = Date.now();
    const columns = ['FailureId', 'EpisodeId', 'ClusterId', 'TemplateId', 'Kind', 'OccurredAt', 'AssignedAt'];
    const block = new NativeBlockWriter(columns, rows);
    for (const column of ['FailureId', 'EpisodeId']) {
      const writer = block.column(column, 'String');
      for (let row = 0; row < rows; row++) writer.string(`lc-${row}`);
    }
    block.lowCardinality('ClusterId', (row) => `fm_lc_${row % 300}`);
    block.lowCardinality('TemplateId', (row) => `ft_lc_${row}`);
    block.lowCardinality('Kind', (row) => (row % 2 === 0 ? 'failure' : 'tool_error'));
    for (const [column, type, ticks] of [
      ['OccurredAt', 'DateTime64(3)', nowMs],
      ['AssignedAt', 'DateTime64(6)', nowMs * 1000],
    ] as const) {
      const writer = block.column(column, type);
      for (let row = 0; row < rows; row++) writer.dateTime64(ticks);
    }
    await store.insertNative('failure_cluster_members', columns, block.bytes());
    const [read] = await store.query<Record<string, string>>(
      `SELECT count() AS rows, uniqExact(ClusterId) AS modes, uniqExact(TemplateId) AS templates,
              countIf(TemplateId != replaceOne(FailureId, 'lc-', 'ft_lc_')) AS wrongTemplates,
              countIf(ClusterId != concat('fm_lc_', toString(toUInt32(substring(FailureId, 4)) % 300))) AS wrongModes,
              countIf(Kind != if(toUInt32(substring(FailureId, 4)) % 2 = 0, 'failure', 'tool_error')) AS wrongKinds
       FROM failure_cluster_members FINAL WHERE startsWith(FailureId, 'lc-')`,
    );
    expect(read).toEqual({ rows: '70000', modes: '300', templates: '70000', wrongTemplates: '0', wrongModes: '0', wrongKinds: '0' });
  });

  it('answers a named query in the Native format, its strings and integers read back by type', async () => {
    const reason = 'tab\there, line\nbreak, “curly” and é, 🎺';
    const assembled = '2026-12-02 08:00:00.000001';
    const micros = Date.UTC(2026, 11, 2, 8) * 1000 + 1;
    await store.insert('corrections', [
      { CorrectionId: 'native-c1', EpisodeId: 'native-e1', Reason: reason, CreatedAt: '2026-12-02 07:59:00.5', AssembledAt: assembled },
      { CorrectionId: 'native-c2', EpisodeId: 'native-e1', Reason: '', CreatedAt: '2026-12-02 07:59:01', AssembledAt: assembled },
    ]);
    const blocks = readNativeBlocks(await store.namedNative('failure_corrections', { afterMicros: micros - 1, untilMicros: micros }), [
      ['CorrectionId', 'string'],
      ['EpisodeId', 'string'],
      ['Reason', 'string'],
      ['createdMs', 'integer'],
    ]);
    const rows = blocks.flatMap((block) =>
      Array.from({ length: block.rows }, (_, row) => ({
        CorrectionId: block.strings('CorrectionId')[row],
        EpisodeId: block.strings('EpisodeId')[row],
        Reason: block.strings('Reason')[row],
        createdMs: block.integers('createdMs')[row],
      })),
    );
    expect(rows.sort((x, y) => x.CorrectionId!.localeCompare(y.CorrectionId!))).toEqual([
      { CorrectionId: 'native-c1', EpisodeId: 'native-e1', Reason: reason, createdMs: Date.UTC(2026, 11, 2, 7, 59, 0, 500) },
      { CorrectionId: 'native-c2', EpisodeId: 'native-e1', Reason: '', createdMs: Date.UTC(2026, 11, 2, 7, 59, 1) },
    ]);
  });

  it('binds an id list as long as one parameter may be, far past what a request line takes', async () => {
    const start = '2026-12-01 11:59:00.000000000';
    await store.insert('episodes', [
      storedEpisodeRow('listed-1', 'support-bot', start, '2026-12-01 12:00:01'),
      storedEpisodeRow('listed-2', 'support-bot', start, '2026-12-01 12:00:01'),
    ]);
    const others = Array.from({ length: 30_000 }, (_, i) => `0123456789abcdef0123456789abcdef-${i}`);
    const [episodeIds] = idChunks(['listed-1', 'listed-2', ...others]);
    expect(episodeIds!.join(',').length).toBeGreaterThan(50_000);
    const episodes = await store.named<{ EpisodeId: string }>('failure_corrected_episodes', { episodeIds });
    expect(episodes.map(({ EpisodeId }) => EpisodeId).sort()).toEqual(['listed-1', 'listed-2']);
  });

  it('reads the flags of a batch’s flagged episodes, whichever assembly raised them', async () => {
    const flag = (EpisodeId: string, Detail: string, AssembledAt: string, SpanId = 's1') => ({
      EpisodeId,
      SpanId,
      Kind: 'pii',
      Detail,
      FlaggedAt: '2026-12-03 12:00:00.000000000',
      AssembledAt,
    });
    const start = '2026-12-03 11:59:00.000000000';
    const inBatch = '2026-12-03 12:00:01.000000';
    await store.insert('safety_flags', [
      flag('batch-flagged', 'an email address', inBatch),
      // Written by a migration long after the episode's assembly.
      flag('batch-flagged', 'a phone number', '2026-12-03 13:00:00.000000', 's2'),
      flag('batch-quiet', 'a name', inBatch),
      flag('flagged-before', 'an address', '2026-12-03 11:00:00.000000'),
    ]);
    await store.insert('episodes', [
      storedEpisodeRow('batch-flagged', 'support-bot', start, inBatch, { SafetyFlagged: true }),
      storedEpisodeRow('batch-quiet', 'support-bot', start, inBatch, { SafetyFlagged: false }),
      storedEpisodeRow('flagged-before', 'support-bot', start, '2026-12-03 11:00:00.000000', { SafetyFlagged: true }),
    ]);
    const micros = Date.UTC(2026, 11, 3, 12, 0, 1) * 1000;
    const flags = await store.named<{ EpisodeId: string; Detail: string }>('failure_safety_flags', {
      afterMicros: micros - 1,
      untilMicros: micros,
    });
    expect(flags.map(({ EpisodeId, Detail }) => ({ EpisodeId, Detail })).sort((x, y) => x.Detail.localeCompare(y.Detail))).toEqual([
      { EpisodeId: 'batch-flagged', Detail: 'a phone number' },
      { EpisodeId: 'batch-flagged', Detail: 'an email address' },
    ]);
  });

  it('answers ping', async () => {
    expect(await store.ping()).toBe(true);
  });

  // Last: it takes the server down.
  it('marks an unreachable store as retryable', async (context) => {
    if (!kill) context.skip();
    await kill!();
    const error = await store.query('SELECT 1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).retryable).toBe(true);
    const insert = await store.insert('schema_migrations', [{ Version: 9002, Name: 'x' }]).catch((caught: unknown) => caught);
    expect((insert as StoreError).retryable).toBe(true);
    expect((insert as StoreError).reason).toBe('unreachable');
    expect(await store.ping()).toBe(false);
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
