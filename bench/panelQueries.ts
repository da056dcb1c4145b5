import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compactClosedEpisodePartitions, EmbeddedStore, namedQuerySql, runMigrations, type Store } from '@trumpets/collector';

export interface PanelQueryFigure {
  name: string;
  /** Median of the timed runs, with FINAL (what the API runs). */
  finalMs: number;
  /** The same query without FINAL: a bare scan of the same columns. */
  bareMs: number;
  ratio: number;
  /** Rows and compressed bytes one run read, with FINAL and bare (the engine's own counters). */
  finalRead: ReadFigures;
  bareRead: ReadFigures;
  /** Template variables: whether the query listed exactly the values of the live episodes (the groups of `episode_metrics`, which reads FINAL). */
  listsLiveValues?: boolean;
}

export interface ReadFigures {
  rows: number;
  compressedBytes: number;
}

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
/** The synthetic month ends here; panels look back from it. */
const END_MS = Date.UTC(2026, 10, 30);
const DAYS = 30;
const AGENTS = 20;
const CHUNK = 250_000;
const RUNS = 7;

/**
 * Episode rows generated inside the engine with `numbers()` (no JavaScript per row), spread evenly
 * over 30 days, 20 agents, 4 versions and 3 workflows; a tenth of the episodes, drawn by a hash so
 * every agent has some, is assembled twice (a late span), so FINAL has real versions to merge, and
 * one in a thousand had first been stored under a sub-agent's key (`sub-agent-N`, a second later)
 * and moved when its outer agent span arrived: that old row and the IsDeleted = 1 row replacing it
 * are there too, as the assembler leaves them. Inserted in chunks of 250,000 (under the engine's per-query memory cap): several parts per
 * partition, as ingest leaves them.
 */
async function generateEpisodes(store: Store, count: number, log: (line: string) => void): Promise<void> {
  const startMs = END_MS - DAYS * DAY_MS;
  /** `oldKey`: the row as stored under the sub-agent's key before the episode moved (`isDeleted`: the row replacing it). */
  const insert = (first: number, rows: number, assembly: 0 | 1 | 2 | 3, where = '', oldKey = { moved: 0, isDeleted: 0 }) =>
    store.command(
      `INSERT INTO episodes (EpisodeId, TraceId, RootSpanId, ServiceName, Agent, AgentVersion, Workflow, ReleaseId, Outcome,
         StartTime, EndTime, LatencyMs, InputTokens, OutputTokens, CostUsd, LlmCallCount, ToolCallCount, SpanCount, AssembledAt, IsDeleted)
       SELECT id, id, '', 'bench', Agent, AgentVersion, Workflow, concat('rel-', AgentVersion), Outcome,
         StartTime, StartTime + toIntervalMillisecond(toInt64(LatencyMs)), LatencyMs, InputTokens, OutputTokens,
         (InputTokens * 0.15 + OutputTokens * 0.6) / 1e6, 2, 5, 10, now64(6) + toIntervalMicrosecond({assembly:UInt8}), {isDeleted:UInt8}
       FROM
       (
         SELECT
           lower(hex(MD5(toString(number)))) AS id,
           concat(if({moved:UInt8} = 1, 'sub-agent-', 'agent-'), toString(number % {agents:UInt32})) AS Agent,
           concat('1.', toString(intDiv(number * 4, {count:UInt64}))) AS AgentVersion,
           ['refund', 'order_status', 'billing'][number % 3 + 1] AS Workflow,
           multiIf(cityHash64(number) % 100 < 85, 'success', cityHash64(number) % 100 < 95, 'failure', cityHash64(number) % 100 < 99, 'escalated', 'unknown') AS Outcome,
           fromUnixTimestamp64Milli(toInt64({startMs:Int64} + intDiv(number * {spanMs:UInt64}, {count:UInt64}) + 1000 * {moved:UInt8})) AS StartTime,
           200 + cityHash64(number, 1) % 5000 AS LatencyMs,
           500 + cityHash64(number, 2) % 1000 AS InputTokens,
           50 + cityHash64(number, 3) % 200 AS OutputTokens
         FROM numbers({first:UInt64}, {rows:UInt64})
         ${where}
       )`,
      { first, rows, assembly, agents: AGENTS, count, startMs, spanMs: DAYS * DAY_MS, ...oldKey },
    );
  const started = performance.now();
  for (let first = 0; first < count; first += CHUNK) {
    await insert(first, Math.min(CHUNK, count - first), 1);
    log(
      `  generated ${Math.min(first + CHUNK, count).toLocaleString('en')} / ${count.toLocaleString('en')} episodes (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
  }
  for (let first = 0; first < count; first += CHUNK)
    await insert(first, Math.min(CHUNK, count - first), 2, 'WHERE cityHash64(number, 4) % 10 = 0');
  log(`  re-assembled every tenth episode (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  const moved = 'WHERE cityHash64(number, 5) % 1000 = 0';
  for (let first = 0; first < count; first += CHUNK) {
    await insert(first, Math.min(CHUNK, count - first), 0, moved, { moved: 1, isDeleted: 0 });
    await insert(first, Math.min(CHUNK, count - first), 3, moved, { moved: 1, isDeleted: 1 });
  }
  log(`  stored every thousandth episode under a sub-agent's key first (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

/**
 * Medians of FINAL and bare runs taken in turn (after one warm-up each), so a change in the
 * machine's load falls on both alike.
 */
async function interleavedMedians(final: () => Promise<unknown>, bare: () => Promise<unknown>): Promise<[number, number]> {
  await final();
  await bare();
  const times: [number[], number[]] = [[], []];
  const timed = async (run: () => Promise<unknown>, into: number[]) => {
    const started = performance.now();
    await run();
    into.push(performance.now() - started);
  };
  for (let i = 0; i < RUNS; i++) {
    await timed(final, times[0]);
    await timed(bare, times[1]);
  }
  const mid = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
  return [mid(times[0]), mid(times[1])];
}

const READ_EVENTS = "SELECT event, value FROM system.events WHERE event IN ('SelectedRows', 'ReadCompressedBytes')";

/** What one run read, from the embedded engine's process-wide counters (nothing else queries the store meanwhile). */
async function readFigures(store: Store, run: () => Promise<unknown>): Promise<ReadFigures> {
  const counters = async () =>
    Object.fromEntries((await store.query<{ event: string; value: string }>(READ_EVENTS)).map((row) => [row.event, Number(row.value)]));
  const before = await counters();
  await run();
  const after = await counters();
  const delta = (event: string) => (after[event] ?? 0) - (before[event] ?? 0);
  return { rows: delta('SelectedRows'), compressedBytes: delta('ReadCompressedBytes') };
}

/**
 * The values a template-variable query lists, against the groups `episode_metrics` (FINAL) finds in
 * one bucket over the same range and filters: the same set, or the query is wrong.
 */
async function listsLiveValuesOf(
  store: Store,
  sql: string,
  params: Extract<(typeof PANEL_QUERIES)[number], { query: 'episode_label_values' }>['params'],
): Promise<boolean> {
  const listed = (await store.query<{ value: string }>(sql, params)).map((row) => row.value).sort();
  const { agents, versions, releases, workflows, fromMs, toMs } = params;
  const groups = await store.query<{ group: string }>(namedQuerySql('episode_metrics'), {
    ...{ agents, versions, releases, workflows, fromMs, toMs },
    intervalMs: toMs - fromMs,
    groupBy: params.label,
  });
  const live = [...new Set(groups.map((row) => row.group).filter((group) => group !== ''))].sort();
  return listed.length === live.length && listed.every((value, i) => value === live[i]);
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

const filters = { agents: [] as string[], versions: [] as string[], releases: [] as string[], workflows: [] as string[] };

/** What the Grafana panels and template variables ask of the episode-metrics API, on the synthetic month. */
const PANEL_QUERIES = [
  {
    name: 'success rate per hour per agent, 7 days',
    query: 'episode_metrics',
    params: { ...filters, fromMs: END_MS - 7 * DAY_MS, toMs: END_MS, intervalMs: HOUR_MS, groupBy: 'agent' },
  },
  {
    name: "one agent's last 24 h, per 5 minutes",
    query: 'episode_metrics',
    params: { ...filters, agents: ['agent-7'], fromMs: END_MS - DAY_MS, toMs: END_MS, intervalMs: 5 * 60_000, groupBy: 'none' },
  },
  {
    name: 'one agent by version, 30 days, per 6 hours',
    query: 'episode_metrics',
    params: { ...filters, agents: ['agent-3'], fromMs: END_MS - 30 * DAY_MS, toMs: END_MS, intervalMs: 6 * HOUR_MS, groupBy: 'version' },
  },
  {
    name: 'agents seen in 7 days (template variable)',
    query: 'episode_label_values',
    params: { ...filters, fromMs: END_MS - 7 * DAY_MS, toMs: END_MS, label: 'agent', limit: 1000 },
  },
  {
    name: "one agent's versions, 30 days (template variable)",
    query: 'episode_label_values',
    params: { ...filters, agents: ['agent-3'], fromMs: END_MS - 30 * DAY_MS, toMs: END_MS, label: 'version', limit: 1000 },
  },
] as const;

async function partsLine(store: Store): Promise<string> {
  const [parts] = await store.query<{ parts: string; partitions: string }>(
    "SELECT count() AS parts, uniqExact(partition) AS partitions FROM system.parts WHERE table = 'episodes' AND active",
  );
  return `${parts?.parts} parts in ${parts?.partitions} partitions`;
}

/** Each panel query against its bare scan on the store as it is now. */
async function measurePanels(store: Store, log: (line: string) => void): Promise<PanelQueryFigure[]> {
  const figures: PanelQueryFigure[] = [];
  for (const panel of PANEL_QUERIES) {
    const sql = namedQuerySql(panel.query);
    const final = () => store.query(sql, panel.params);
    const bare = () => store.query(sql.replace(/\bFINAL\b/g, ''), panel.params);
    const [finalMs, bareMs] = await interleavedMedians(final, bare);
    const finalRead = await readFigures(store, final);
    const bareRead = await readFigures(store, bare);
    const listsLiveValues = panel.query === 'episode_label_values' ? await listsLiveValuesOf(store, sql, panel.params) : undefined;
    figures.push({ name: panel.name, finalMs, bareMs, ratio: finalMs / bareMs, finalRead, bareRead, listsLiveValues });
    log(
      `  ${panel.name}: ${finalMs.toFixed(1)} ms with FINAL, ${bareMs.toFixed(1)} ms bare: ${(finalMs / bareMs).toFixed(2)}× (target ≤ 2); ` +
        `read ${finalRead.rows.toLocaleString('en')} rows / ${mib(finalRead.compressedBytes)} compressed with FINAL, ` +
        `${bareRead.rows.toLocaleString('en')} rows / ${mib(bareRead.compressedBytes)} bare` +
        (listsLiveValues === undefined
          ? ''
          : listsLiveValues
            ? '; lists exactly the live values'
            : '; WRONG: its values differ from the live episodes’'),
    );
  }
  return figures;
}

export interface PanelQueryFigures {
  /** On the parts ingest left (several per day). */
  asIngested: PanelQueryFigure[];
  /** After the collector's partition compaction merged each closed day into one part: what a running collector serves. */
  compacted: PanelQueryFigure[];
}

/**
 * Each panel query (the named queries the API runs, FINAL included) against the same query
 * without FINAL over `count` synthetic episodes in the embedded store, measured in one run, with
 * the rows and compressed bytes each read: first on the parts ingest left, then after the
 * collector's partition compaction pass.
 */
export async function benchPanelQueries(count: number, log: (line: string) => void): Promise<PanelQueryFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'trumpets-bench-panels-'));
  const store = new EmbeddedStore(dir);
  try {
    await runMigrations(store);
    log(`panel queries: ${count.toLocaleString('en')} synthetic episodes over ${DAYS} days, ${AGENTS} agents`);
    await generateEpisodes(store, count, log);
    log(`  as ingest leaves them: ${await partsLine(store)}`);
    const asIngested = await measurePanels(store, log);
    const started = performance.now();
    // The month ends at END_MS: its last day is still open, as today is for a running collector.
    const compacted = await compactClosedEpisodePartitions(store, { nowMs: END_MS });
    log(
      `  after the collector's partition compaction (${compacted.length} closed days merged in ${((performance.now() - started) / 1000).toFixed(1)} s): ${await partsLine(store)}`,
    );
    return { asIngested, compacted: await measurePanels(store, log) };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
