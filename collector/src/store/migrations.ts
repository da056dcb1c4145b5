import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QUERIES_DIR } from './namedQueries.ts';
import { clusterStatements } from './clusterDdl.ts';
import type { Store } from './Store.ts';

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export interface MigrationReport {
  applied: Migration[];
  alreadyApplied: number;
}

const MIGRATION_FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** The `NNN_name.sql` files of a schema folder, in order, each split into its statements. */
export function readMigrations(dir = join(QUERIES_DIR, 'schema')): Migration[] {
  return readdirSync(dir)
    .flatMap((file) => {
      const match = MIGRATION_FILE.exec(file);
      if (!match) return [];
      const text = readFileSync(join(dir, file), 'utf8');
      return [{ version: Number(match[1]), name: match[2]!, statements: splitStatements(text) }];
    })
    .sort((a, b) => a.version - b.version);
}

/** Statements end with `;` at the end of a line; `--` comment lines are dropped. */
export function splitStatements(sql: string): string[] {
  const withoutComments = sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n');
  return withoutComments
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

const SCHEMA_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (Version UInt32, Name String, AppliedAt DateTime64(3) DEFAULT now64(3))
ENGINE = ReplacingMergeTree ORDER BY Version`;

/** Statements as run: as written on one node, in their cluster form on a cluster (clusterDdl.ts). */
export function statementsFor(
  statements: readonly string[],
  cluster: string | undefined,
  shardingKeys = new Map<string, string>(),
): string[] {
  return cluster ? statements.flatMap((statement) => clusterStatements(statement, cluster, shardingKeys)) : [...statements];
}

/** Every migration's statements as run, in order: a cluster form may need what an earlier migration created. */
export function migrationStatements(migrations: readonly Migration[], cluster: string | undefined): string[][] {
  const shardingKeys = new Map<string, string>();
  return migrations.map((migration) => statementsFor(migration.statements, cluster, shardingKeys));
}

/**
 * Applies, in order, the migrations not yet recorded in `schema_migrations`, recording each.
 * Safe to run twice: applied versions are skipped, and every statement is `IF NOT EXISTS`.
 * With `cluster`, every statement runs in its cluster form.
 */
export async function runMigrations(
  store: Store,
  migrations = readMigrations(),
  options: { cluster?: string } = {},
): Promise<MigrationReport> {
  for (const statement of statementsFor([SCHEMA_MIGRATIONS_TABLE], options.cluster)) await store.command(statement);
  const rows = await store.query<{ Version: number }>('SELECT Version FROM schema_migrations FINAL');
  const done = new Set(rows.map((row) => Number(row.Version)));
  const applied: Migration[] = [];
  const statements = migrationStatements(migrations, options.cluster);
  for (const [index, migration] of migrations.entries()) {
    if (done.has(migration.version)) continue;
    for (const statement of statements[index]!) await store.command(statement);
    await store.insert('schema_migrations', [{ Version: migration.version, Name: migration.name }]);
    applied.push(migration);
  }
  return { applied, alreadyApplied: done.size };
}
