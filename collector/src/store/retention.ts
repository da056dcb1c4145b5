import { localTable } from './clusterDdl.ts';
import { statementsFor } from './migrations.ts';
import type { Store } from './Store.ts';

/**
 * How long each family of tables keeps its rows, by TTL on the day-partitioned time column, so
 * whole day partitions drop (`ttl_only_drop_parts = 1`): never a DELETE, never a rewrite. Raw
 * spans go first; episodes and what was read off them (tool and LLM calls, sources, corrections,
 * safety flags, failure memberships) later; failure modes, configs, proposals, gate decisions, releases and
 * their audit trail are kept.
 */
export const RETENTION_FAMILIES = {
  spans: { defaultDays: 30, tables: [['spans', 'Timestamp']] },
  episodes: {
    defaultDays: 90,
    tables: [
      ['episodes', 'StartTime'],
      ['tool_calls', 'StartTime'],
      ['llm_calls', 'StartTime'],
      ['episode_sources', 'ReadAt'],
      ['corrections', 'CreatedAt'],
      ['safety_flags', 'FlaggedAt'],
      ['failure_cluster_members', 'OccurredAt'],
    ],
  },
  dead_letters: { defaultDays: 30, tables: [['dead_letters', 'FirstHeldAt']] },
} as const satisfies Record<string, { defaultDays: number; tables: ReadonlyArray<readonly [string, string]> }>;

export type RetentionFamily = keyof typeof RETENTION_FAMILIES;
/** Days per family; 0 keeps rows forever. */
export type Retention = Record<RetentionFamily, number>;

export const DEFAULT_RETENTION: Retention = Object.fromEntries(
  Object.entries(RETENTION_FAMILIES).map(([family, { defaultDays }]) => [family, defaultDays]),
) as Retention;

/**
 * Every row kept: for test and benchmark collectors, whose fixtures carry fixed timestamps from past
 * years that a real retention would drop in a background merge mid-test.
 */
export const NO_RETENTION: Retention = Object.fromEntries(Object.keys(RETENTION_FAMILIES).map((family) => [family, 0])) as Retention;

export interface RetentionChange {
  table: string;
  days: number;
}

/**
 * Brings every table's TTL to the configured days, changing only those that differ: safe to run at
 * every start, and the way a changed TRUMPETS_RETENTION_DAYS takes effect. With `cluster`, on the
 * local tables of every replica.
 */
export async function applyRetention(store: Store, retention: Retention, cluster?: string): Promise<RetentionChange[]> {
  const rows = await store.query<{ name: string; engine_full: string }>(
    'SELECT name, engine_full FROM system.tables WHERE database = currentDatabase()',
  );
  const engines = new Map(rows.map((row) => [row.name, row.engine_full]));
  const changes: RetentionChange[] = [];
  for (const [family, { tables }] of Object.entries(RETENTION_FAMILIES) as Array<
    [RetentionFamily, (typeof RETENTION_FAMILIES)[RetentionFamily]]
  >) {
    const days = retention[family];
    for (const [table, column] of tables) {
      // On a cluster the TTL belongs to each table's local Replicated table, altered ON CLUSTER.
      const engine = engines.get(cluster ? localTable(table) : table);
      if (engine === undefined) continue;
      const statements = statementsFor(retentionStatements(table, column, days, engine), cluster);
      for (const statement of statements) await store.command(statement);
      if (statements.length > 0) changes.push({ table, days });
    }
  }
  return changes;
}

/**
 * The ALTERs that give `table` a TTL of `days` on `column` (or none for 0), given its current
 * engine clause; none when it already has it. Names come from RETENTION_FAMILIES and days are a
 * checked integer, so the statement is built here rather than bound.
 */
export function retentionStatements(table: string, column: string, days: number, engineFull: string): string[] {
  const current = /\bTTL (.+?)(?: SETTINGS |$)/.exec(engineFull)?.[1]?.trim();
  const wanted = days > 0 ? `toDateTime(${column}) + toIntervalDay(${days})` : undefined;
  if (current === wanted) return [];
  if (wanted === undefined) return [`ALTER TABLE ${table} REMOVE TTL`];
  const statements: string[] = [];
  if (!/\bttl_only_drop_parts = 1\b/.test(engineFull)) statements.push(`ALTER TABLE ${table} MODIFY SETTING ttl_only_drop_parts = 1`);
  statements.push(`ALTER TABLE ${table} MODIFY TTL ${wanted}`);
  return statements;
}
