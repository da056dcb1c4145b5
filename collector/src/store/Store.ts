import { classifyStoreError, type StoreErrorReason } from './storeErrors.ts';
import type { QueryName } from './namedQueries.ts';

/** Values bound to `{name:Type}` placeholders. Values never reach SQL any other way. */
export type QueryParams = Record<string, unknown>;

/** Tables the collector writes rows into. Inserts name a table from this list only. */
export const WRITABLE_TABLES = [
  'spans',
  'episodes',
  'tool_calls',
  'llm_calls',
  'episode_sources',
  'corrections',
  'safety_flags',
  'schema_migrations',
  'failure_clusters',
  'failure_templates',
  'failure_cluster_events',
  'failure_cluster_members',
  'failure_clustering_passes',
  'agent_configs',
  'proposals',
  'proposal_events',
  'benchmark_sets',
  'benchmark_cases',
  'benchmark_runs',
  'benchmark_results',
  'gate_policies',
  'gate_decisions',
  'releases',
  'release_events',
  'release_policies',
  'regressions',
  'alert_notifications',
  'dead_letters',
  'job_leases',
] as const;
export type WritableTable = (typeof WRITABLE_TABLES)[number];

/**
 * The one gateway every query goes through. Two backends answer it alike: the embedded engine
 * (chdb, the default) and a ClickHouse server (@clickhouse/client).
 */
export interface Store {
  readonly backend: 'embedded' | 'server';
  /** A statement with no result rows (DDL, INSERT … SELECT). */
  command(sql: string, params?: QueryParams): Promise<void>;
  /** Rows of a SELECT as objects (64-bit integers come back as strings on both backends). For ad-hoc SQL: the collector's own reads go through `named`. */
  query<Row>(sql: string, params?: QueryParams): Promise<Row[]>;
  /** Rows of the named query `queries/<name>.sql`, tagged with its name (`log_comment`) in the store's query log. */
  named<Row>(name: QueryName, params?: QueryParams): Promise<Row[]>;
  /**
   * Insert rows (objects whose keys are column names, all rows with the same keys in the same order);
   * resolves once the rows are written (never fire-and-forget).
   */
  insert(table: WritableTable, rows: readonly object[]): Promise<void>;
  /**
   * Insert a ready-made JSONCompactEachRow payload (one JSON array of values per line, in
   * `columns` order), unchanged: the spool stores exactly this, so replay costs no re-encoding.
   */
  insertJsonCompact(table: WritableTable, columns: readonly string[], payload: Buffer): Promise<void>;
  /**
   * Rows of a named query as objects of text (TabSeparatedWithNames: every value a string, arrays
   * as literals): for reads of many rows, which the engine formats in half the time of JSON.
   */
  namedText<Row>(name: QueryName, params?: QueryParams): Promise<Row[]>;
  /** The TabSeparatedWithNames text of a named query, unparsed: for readers that parse many rows straight into their own records (`TabSeparatedReader`). */
  namedTabSeparated(name: QueryName, params?: QueryParams): Promise<string>;
  /** The Native result of a named query, its bytes unparsed: for the largest reads, parsed column by column (`readNativeBlocks`). */
  namedNative(name: QueryName, params?: QueryParams): Promise<Uint8Array>;
  /** Insert a ready-made RowBinary payload (each row's values in `columns` order: see `RowBinaryWriter`), for inserts of many rows. */
  insertRowBinary(table: WritableTable, columns: readonly string[], payload: Buffer): Promise<void>;
  /** Insert a ready-made Native block (`columns` named and typed in it, in this order: see `NativeBlockWriter`), for inserts of many rows. */
  insertNative(table: WritableTable, columns: readonly string[], payload: Buffer): Promise<void>;
  /** Whether the store answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The ready-made payload formats both backends insert unchanged. */
export type RawFormat = 'JSONCompactEachRow' | 'RowBinary' | 'Native';

/** A column name as a quoted identifier (Nested columns such as `Events.Name` are one name). */
export function quoteIdentifier(name: string): string {
  return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}

/**
 * Settings both backends get explicitly, because the embedded engine's defaults differ from a
 * server's: 64-bit integers as JSON strings (no silent precision loss), synchronous inserts
 * (an acknowledged span is a written span).
 */
export const SHARED_SETTINGS = {
  output_format_json_quote_64bit_integers: 1,
  async_insert: 0,
} as const;

/**
 * Settings of inserts into one table, on both backends. The spans table is read with FINAL, so
 * collapsing repeated spans inside each insert as well (optimize_on_insert) is work done twice: without it,
 * an insert of spans costs about a third less. Memberships are read with FINAL too, and a clustering
 * pass writes each failure once: collapsing them costs a pass's largest insert about a sixth.
 */
export const INSERT_SETTINGS: Partial<Record<WritableTable, Record<string, number>>> = {
  spans: { optimize_on_insert: 0 },
  failure_cluster_members: { optimize_on_insert: 0 },
};

/**
 * A store failure. `retryable` tells the HTTP layer whether to answer 503 (try again) or 500,
 * and the spool drainer whether to retry a batch or split it; `reason` labels the metrics.
 */
export class StoreError extends Error {
  override name = 'StoreError';
  readonly reason: StoreErrorReason;
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown; reason?: StoreErrorReason },
  ) {
    super(message, options);
    this.reason = options?.reason ?? 'other';
  }
}

/** A failed store call as a StoreError, classified by the engine's error code. */
export function storeError(what: string, error: unknown): StoreError {
  const { reason, retryable } = classifyStoreError(error);
  const message = error instanceof Error ? error.message : String(error);
  return new StoreError(`${what} failed: ${message}`, retryable, { cause: error, reason });
}
