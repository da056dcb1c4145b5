import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterStatements, localTable } from './clusterDdl.ts';
import { EmbeddedStore } from './embeddedStore.ts';
import { migrationStatements, readMigrations, runMigrations, statementsFor } from './migrations.ts';
import { QUERIES_DIR } from './namedQueries.ts';
import { retentionStatements } from './retention.ts';

/**
 * The cluster form of every migration, checked against golden files in queries/schema/cluster/
 * (UPDATE_GOLDEN=1 rewrites them after a deliberate change), parsed by the engine, and run in its
 * single-node form (ON CLUSTER and replication taken out, the local tables standing for the
 * Distributed ones) on the embedded engine, where it must build the same tables as the migrations.
 */
const CLUSTER = 'trumpets';
const GOLDEN = join(QUERIES_DIR, 'schema', 'cluster');
const migrations = readMigrations();

const clusterForms = migrationStatements(migrations, CLUSTER);
const clusterText = (index: number) => `${clusterForms[index]!.join(';\n\n')};\n`;

/** One cluster statement as the embedded engine can run it; undefined for a statement on a Distributed table. */
function singleNode(statement: string, distributedTables: Set<string>): string | undefined {
  if (/ENGINE = Distributed\(/.test(statement)) return undefined;
  const altered = /^ALTER TABLE (\w+) /.exec(statement)?.[1];
  if (altered && distributedTables.has(altered)) return undefined;
  return statement
    .replace(/ ON CLUSTER '[^']+'/g, '')
    .replace(/Replicated(\w*MergeTree)\('[^']*', '[^']*'(?:, )?/g, '$1(')
    .replace(/\b(INSERT INTO|FROM|DROP TABLE IF EXISTS) (\w+)\b/g, (whole, verb: string, name: string) =>
      distributedTables.has(name) ? `${verb} ${localTable(name)}` : whole,
    );
}

describe('cluster mode DDL', () => {
  let dir: string;
  let store: EmbeddedStore;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trumpets-cluster-ddl-'));
    store = new EmbeddedStore(dir);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('matches the golden file of every migration', () => {
    if (process.env.UPDATE_GOLDEN) mkdirSync(GOLDEN, { recursive: true });
    for (const [index, migration] of migrations.entries()) {
      const file = join(GOLDEN, `${String(migration.version).padStart(3, '0')}_${migration.name}.sql`);
      if (process.env.UPDATE_GOLDEN) writeFileSync(file, clusterText(index));
      expect(existsSync(file), `${file} is missing: run UPDATE_GOLDEN=1 npx vitest run collector/src/store/clusterDdl.test.ts`).toBe(true);
      expect(clusterText(index), file).toBe(readFileSync(file, 'utf8'));
    }
  });

  it('makes local Replicated tables and Distributed tables sharded so a trace stays on one shard', () => {
    const spans = clusterStatements(migrations[0]!.statements[0]!, CLUSTER);
    expect(spans[0]).toMatch(/^CREATE TABLE IF NOT EXISTS spans_local ON CLUSTER 'trumpets' \(/);
    expect(spans[0]).toMatch(/ENGINE = ReplicatedReplacingMergeTree\('\/clickhouse\/tables\/\{uuid\}\/\{shard\}', '\{replica\}'\)/);
    expect(spans[1]).toBe(
      "CREATE TABLE IF NOT EXISTS spans ON CLUSTER 'trumpets' AS spans_local\nENGINE = Distributed('trumpets', currentDatabase(), 'spans_local', cityHash64(TraceId))",
    );
    const byTrace = clusterForms.flat().filter((statement) => /ENGINE = Distributed/.test(statement));
    for (const table of ['episodes', 'tool_calls', 'llm_calls', 'episode_sources', 'corrections'])
      expect(
        byTrace.find((statement) => statement.includes(`'${table}_local', `)),
        table,
      ).toMatch(/cityHash64\(EpisodeId\)\)$/);
    // Retention alters the local tables on every replica; the Distributed tables carry no TTL.
    expect(
      statementsFor(retentionStatements('spans', 'Timestamp', 30, 'ReplicatedReplacingMergeTree ORDER BY (TraceId, SpanId)'), CLUSTER),
    ).toEqual([
      "ALTER TABLE spans_local ON CLUSTER 'trumpets' MODIFY SETTING ttl_only_drop_parts = 1",
      "ALTER TABLE spans_local ON CLUSTER 'trumpets' MODIFY TTL toDateTime(Timestamp) + toIntervalDay(30)",
    ]);
    expect(() => clusterStatements('SELECT 1', CLUSTER)).toThrow(/no cluster form/);
    expect(() => clusterStatements(migrations[0]!.statements[0]!, "x' OR 1")).toThrow(/cluster name/);
  });

  it('is SQL the engine parses, statement by statement', async () => {
    for (const statement of clusterForms.flat()) {
      await expect(store.query(`EXPLAIN AST ${statement}`), statement.slice(0, 80)).resolves.toBeDefined();
    }
  });

  it('builds, in its single-node form, the same tables and columns as the migrations do', async () => {
    await runMigrations(store);
    const distributedTables = new Set<string>();
    for (const forms of clusterForms) {
      for (const statement of forms) {
        const distributedName =
          /^CREATE (?:TABLE IF NOT EXISTS|OR REPLACE TABLE) (\w+) ON CLUSTER '[^']+' AS \w+\nENGINE = Distributed/.exec(statement)?.[1];
        if (distributedName) distributedTables.add(distributedName);
        const runnable = singleNode(statement, distributedTables);
        if (runnable) await store.command(runnable);
      }
    }
    const columns = await store.query<{ table: string; columns: string[] }>(
      "SELECT table, groupArray(concat(name, ' ', type)) AS columns FROM (SELECT table, name, type FROM system.columns WHERE database = currentDatabase() ORDER BY table, position) GROUP BY table",
    );
    const byTable = new Map(columns.map((row) => [row.table, row.columns]));
    const tables = [...distributedTables].filter((table) => !table.endsWith('_rewrite'));
    expect(tables.length).toBeGreaterThan(20);
    for (const table of tables) expect(byTable.get(localTable(table)), table).toEqual(byTable.get(table));
  });
});
