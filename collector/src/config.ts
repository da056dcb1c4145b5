import { dirname, join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_RETENTION, RETENTION_FAMILIES, type Retention, type RetentionFamily } from './store/retention.ts';
import { tokensSchema, type ApiToken } from './http/apiTokens.ts';
import { describeIssues } from './shared/zodIssues.ts';
import { DEFAULT_ENGINE_LIMITS, type EngineLimits } from './store/engineLimits.ts';

const PORT_RULE = 'must be a port number from 0 to 65535 (0: any free port)';

/**
 * Collector configuration, read once from the environment at start-up and checked by one schema,
 * so a bad value fails fast with a message naming the variable.
 */
function bytes(fallback: number) {
  return z.coerce.number().int().positive().default(fallback);
}

const configSchema = z.object({
  /** Address to listen on. Default 127.0.0.1 (loopback only, safe by default). */
  TRUMPETS_HOST: z.string().min(1).default('127.0.0.1'),
  /** OTLP/HTTP port. Default 4318, the OTLP/HTTP standard port. */
  TRUMPETS_PORT: z.coerce.number({ error: PORT_RULE }).int(PORT_RULE).min(0, PORT_RULE).max(65535, PORT_RULE).default(4318),
  /** Directory of the embedded ClickHouse store. Default ./.trumpets/data. */
  TRUMPETS_DATA_DIR: z.string().min(1).default('./.trumpets/data'),
  /** ClickHouse server URL; when set, the server backend replaces the embedded one. */
  CLICKHOUSE_URL: z.url().optional(),
  CLICKHOUSE_USER: z.string().default('default'),
  CLICKHOUSE_PASSWORD: z.string().default(''),
  /** A ClickHouse cluster (a name in the server's remote_servers): migrations create Replicated local tables ON CLUSTER and Distributed tables over them. */
  TRUMPETS_CLICKHOUSE_CLUSTER: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, "must be a cluster name: letters, digits, '_', '.' or '-'")
    .optional(),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier')
    .default('default'),
  /** Largest accepted request body, before and after gunzip. Default 8 MiB. */
  TRUMPETS_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 1024 * 1024),
  /** Episode input/output longer than this (in characters) is truncated and marked. Default 8192. */
  TRUMPETS_MAX_TEXT_CHARS: z.coerce.number().int().positive().default(8192),
  /** How long the episode assembler waits to gather more spans before a pass, in ms. Default 200. */
  TRUMPETS_ASSEMBLY_INTERVAL_MS: z.coerce.number().int().positive().default(200),
  /** Spans the episode assembler keeps in memory (the least recently touched traces leave first, and are read back from the store if they get a late span). Default 50000. */
  TRUMPETS_ASSEMBLY_MAX_SPANS: z.coerce.number().int().positive().default(50_000),
  /** Time between failure-clustering passes, in ms. Default 10000. */
  TRUMPETS_FAILURE_CLUSTERING_INTERVAL_MS: z.coerce.number().int().positive().default(10_000),
  /** Time between passes of the rollout watcher (regression detection, stage advancement), in ms. Default 60000. */
  TRUMPETS_RELEASE_WATCH_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
  /** Time between passes that merge each closed day partition of the episodes table into one part (so FINAL need not merge at query time), in ms; 0 turns them off. Default 3600000. */
  TRUMPETS_PARTITION_COMPACTION_INTERVAL_MS: z.coerce.number().int().nonnegative().default(3_600_000),
  /** HMAC secret of the Grafana webhook contact point; set: POST /api/alerts/grafana needs a valid, fresh signature. Default: unset. */
  TRUMPETS_GRAFANA_WEBHOOK_SECRET: z.string().min(8, 'must be at least 8 characters').optional(),
  /** Header carrying Grafana's signature. Default X-Grafana-Alerting-Signature. */
  TRUMPETS_GRAFANA_WEBHOOK_SIGNATURE_HEADER: z.string().min(1).default('X-Grafana-Alerting-Signature'),
  /** Header carrying the signed timestamp (Unix seconds). Default X-Grafana-Alerting-Timestamp. */
  TRUMPETS_GRAFANA_WEBHOOK_TIMESTAMP_HEADER: z.string().min(1).default('X-Grafana-Alerting-Timestamp'),
  /** Time between proposal-drafting passes (new or growing failure modes get drafted proposals), in ms; 0 turns drafting off. Default 30000. */
  TRUMPETS_PROPOSAL_DRAFTING_INTERVAL_MS: z.coerce.number().int().nonnegative().default(30_000),
  /** A team's own drafter: POSTed each new or growing failure mode, answers `{ proposals: [{ target, change, rationale }] }`. */
  TRUMPETS_PROPOSAL_DRAFTER_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** What this collector does: ingest (OTLP in, assembly), api (the read and action API), worker (jobs run once per store). Default all three. */
  TRUMPETS_ROLES: z
    .string()
    .default('ingest,api,worker')
    .transform((text) =>
      text
        .split(',')
        .map((role) => role.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.enum(['ingest', 'api', 'worker'], { error: 'roles are ingest, api and worker, comma-separated' }))
        .min(1, 'name at least one role'),
    ),
  /** How long a worker's lease on a job lasts unless renewed (renewed every third of it). Default 30. */
  TRUMPETS_WORKER_LEASE_SECONDS: z.coerce.number().positive().default(30),
  /**
   * Days each family of tables keeps its rows: `spans=30,episodes=90,dead_letters=30` (the
   * defaults; name only the ones to change; 0 keeps forever). Applied as TTL at start and by `trumpets migrate`.
   */
  TRUMPETS_RETENTION_DAYS: z
    .string()
    .default('')
    .transform((text, context) => {
      const retention: Retention = { ...DEFAULT_RETENTION };
      for (const entry of text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)) {
        const match = /^([a-z_]+)=(\d+)$/.exec(entry);
        if (!match || !(match[1]! in RETENTION_FAMILIES)) {
          context.addIssue({
            code: 'custom',
            message: `'${entry}' is not family=days; families: ${Object.keys(RETENTION_FAMILIES).join(', ')}`,
          });
          return z.NEVER;
        }
        retention[match[1] as RetentionFamily] = Number(match[2]);
      }
      return retention;
    }),
  /** Seconds a client is told to wait (Retry-After) when the store cannot take writes. Default 5. */
  TRUMPETS_RETRY_AFTER_SECONDS: z.coerce.number().int().positive().default(5),
  /** on: acknowledge once spans are fsync'd to the local spool (survives crashes and store outages); off: once stored. Default on. */
  TRUMPETS_SPOOL: z.enum(['on', 'off']).default('on'),
  /** Directory of the write-ahead spool. Default: `spool` beside the data directory (./.trumpets/spool). */
  TRUMPETS_SPOOL_DIR: z.string().min(1).optional(),
  /** Disk budget of the spool; past it requests get 503 with Retry-After. Default 1 GiB. */
  TRUMPETS_SPOOL_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024 * 1024),
  /** The embedded engine's total memory; past it, queries and inserts fail (and are retried) instead of growing. Default 1 GiB. */
  TRUMPETS_ENGINE_MAX_MEMORY_BYTES: bytes(DEFAULT_ENGINE_LIMITS.maxMemoryBytes),
  /** Memory of one query or insert in the embedded engine. Default 512 MiB. */
  TRUMPETS_ENGINE_QUERY_MAX_MEMORY_BYTES: bytes(DEFAULT_ENGINE_LIMITS.queryMaxMemoryBytes),
  /** Memory of the embedded engine's background merges, together. Default 256 MiB. */
  TRUMPETS_ENGINE_MERGE_MAX_MEMORY_BYTES: bytes(DEFAULT_ENGINE_LIMITS.mergeMaxMemoryBytes),
  /** Background merges the embedded engine runs at once. Default 2. */
  TRUMPETS_ENGINE_MERGE_THREADS: z.coerce.number().int().min(1).max(64).default(DEFAULT_ENGINE_LIMITS.mergeThreads),
  /** The embedded engine's mark caches (granule offsets). Default 32 MiB. */
  TRUMPETS_ENGINE_MARK_CACHE_BYTES: bytes(DEFAULT_ENGINE_LIMITS.markCacheBytes),
  /** The embedded engine's primary-key index cache. Default 32 MiB. */
  TRUMPETS_ENGINE_PRIMARY_INDEX_CACHE_BYTES: bytes(DEFAULT_ENGINE_LIMITS.primaryIndexCacheBytes),
  /** The embedded engine's cache of decompressed blocks; 0 is off. Default 0. */
  TRUMPETS_ENGINE_UNCOMPRESSED_CACHE_BYTES: z.coerce.number().int().nonnegative().default(DEFAULT_ENGINE_LIMITS.uncompressedCacheBytes),
  /** How often, while it works, the embedded engine hands freed memory back to the system, in ms; 0: only as its allocator decides. Default 1000. */
  TRUMPETS_ENGINE_MEMORY_PURGE_INTERVAL_MS: z.coerce.number().int().nonnegative().default(DEFAULT_ENGINE_LIMITS.memoryPurgeIntervalMs),
  /** OTLP requests get 503 with Retry-After while the JS heap in use is at or above this share of its limit, in percent; 100: never. Default 85. */
  TRUMPETS_HEAP_PRESSURE_PERCENT: z.coerce.number().int().min(1).max(100).default(85),
  /** API tokens, comma-separated `name:secret:scope[+scope]` (scopes: ingest, read, act). Unset: no auth, allowed only on a loopback host. */
  TRUMPETS_TOKENS: tokensSchema.optional(),
  /** Browser origins allowed to call the API (comma-separated). Default: none, CORS off. */
  TRUMPETS_CORS_ORIGINS: z.string().optional(),
  /** Spans accepted per request; more gets 413. Default 10000. */
  TRUMPETS_MAX_SPANS_PER_REQUEST: z.coerce.number().int().positive().default(10_000),
  /** Attributes kept per span (and per event); the rest are dropped and counted. Default 128, as OpenTelemetry SDKs. */
  TRUMPETS_MAX_ATTRIBUTES_PER_SPAN: z.coerce.number().int().positive().default(128),
  /** Attribute values longer than this (characters) are truncated and marked. Default 16384. */
  TRUMPETS_MAX_ATTRIBUTE_LENGTH: z.coerce.number().int().positive().default(16_384),
  /** Nesting depth of array and map attribute values; a deeper value rejects its span. Default 32. */
  TRUMPETS_MAX_ATTRIBUTE_DEPTH: z.coerce.number().int().min(1).max(64).default(32),
  /** Spans that started longer ago than this many days are rejected (partial_success). Default 3650 (ten years). */
  TRUMPETS_MAX_SPAN_AGE_DAYS: z.coerce.number().int().positive().default(3650),
  /** Spans with a time further ahead than this many minutes are rejected (partial_success). Default 60. */
  TRUMPETS_MAX_SPAN_FUTURE_MINUTES: z.coerce.number().int().min(0).default(60),
  /** Spans per second each token (or, without tokens, each client address) may send; 0 = unlimited. Default 0. */
  TRUMPETS_RATE_LIMIT_SPANS_PER_SECOND: z.coerce.number().int().min(0).default(0),
  /** on: the collector redacts e-mails, card numbers and secrets in content attributes before storing them (behind the tracer's own redaction). Default on. */
  TRUMPETS_REDACTION: z.enum(['on', 'off']).default('on'),
  /** More redaction rules: a JSON array of {"name": "...", "pattern": "regex"}. Default none. */
  TRUMPETS_REDACTION_PATTERNS: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON array of {"name", "pattern"}' });
        return z.NEVER;
      }
    })
    .pipe(z.array(z.object({ name: z.string().min(1), pattern: z.string().min(1).refine(isRegex, 'is not a valid regular expression') })))
    .optional(),
  /** debug | info | warn | error. Default info. */
  TRUMPETS_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** JSON file of LLM prices (USD per million tokens) laid over the default table in episodes/prices.ts. Default: none. */
  TRUMPETS_PRICES_FILE: z.string().min(1).optional(),
});

export interface CollectorConfig {
  host: string;
  port: number;
  dataDir: string;
  clickhouse?: { url: string; username: string; password: string; database: string; cluster?: string };
  maxBodyBytes: number;
  maxTextChars: number;
  assemblyIntervalMs: number;
  assemblyMaxSpans: number;
  failureClusteringIntervalMs: number;
  releaseWatchIntervalMs: number;
  partitionCompactionIntervalMs: number;
  /** The Grafana alert webhook's signature check. */
  alerts: { webhookSecret?: string; signatureHeader: string; timestampHeader: string };
  proposalDrafting: { intervalMs: number; drafterUrl?: string };
  retryAfterSeconds: number;
  /** OTLP requests are refused (503, Retry-After) while the JS heap in use is at least this percent of its limit. */
  heapPressurePercent: number;
  roles: Array<'ingest' | 'api' | 'worker'>;
  retention: Retention;
  workerLeaseMs: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  spool: { enabled: boolean; dir: string; maxBytes: number };
  /** The embedded engine's memory limits (unused with a ClickHouse server). */
  engine: EngineLimits;
  tokens: ApiToken[];
  redaction: { enabled: boolean; patterns: Array<{ name: string; pattern: string }> };
  corsOrigins: string[];
  limits: {
    maxSpansPerRequest: number;
    maxAttributesPerSpan: number;
    maxAttributeLength: number;
    maxAttributeDepth: number;
    spansPerSecondPerCaller: number;
    maxSpanAgeMs: number;
    maxSpanFutureMs: number;
  };
  /** JSON file of LLM prices laid over the defaults (read at start, by startCollector). */
  pricesFile?: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): CollectorConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`invalid configuration: ${describeIssues(parsed.error)}`);
  }
  const e = parsed.data;
  if (e.TRUMPETS_CLICKHOUSE_CLUSTER && !e.CLICKHOUSE_URL)
    throw new ConfigError('invalid configuration: TRUMPETS_CLICKHOUSE_CLUSTER needs CLICKHOUSE_URL: a cluster is reached through a server');
  if (!e.TRUMPETS_TOKENS?.length && !isLoopback(e.TRUMPETS_HOST)) {
    throw new ConfigError(
      `invalid configuration: TRUMPETS_HOST is ${e.TRUMPETS_HOST}, reachable from other machines, but TRUMPETS_TOKENS is not set; set tokens (name:secret:scope) or listen on 127.0.0.1`,
    );
  }
  return {
    host: e.TRUMPETS_HOST,
    port: e.TRUMPETS_PORT,
    dataDir: e.TRUMPETS_DATA_DIR,
    clickhouse: e.CLICKHOUSE_URL
      ? {
          url: e.CLICKHOUSE_URL,
          username: e.CLICKHOUSE_USER,
          password: e.CLICKHOUSE_PASSWORD,
          database: e.CLICKHOUSE_DATABASE,
          cluster: e.TRUMPETS_CLICKHOUSE_CLUSTER,
        }
      : undefined,
    maxBodyBytes: e.TRUMPETS_MAX_BODY_BYTES,
    maxTextChars: e.TRUMPETS_MAX_TEXT_CHARS,
    assemblyIntervalMs: e.TRUMPETS_ASSEMBLY_INTERVAL_MS,
    assemblyMaxSpans: e.TRUMPETS_ASSEMBLY_MAX_SPANS,
    failureClusteringIntervalMs: e.TRUMPETS_FAILURE_CLUSTERING_INTERVAL_MS,
    releaseWatchIntervalMs: e.TRUMPETS_RELEASE_WATCH_INTERVAL_MS,
    partitionCompactionIntervalMs: e.TRUMPETS_PARTITION_COMPACTION_INTERVAL_MS,
    alerts: {
      webhookSecret: e.TRUMPETS_GRAFANA_WEBHOOK_SECRET,
      signatureHeader: e.TRUMPETS_GRAFANA_WEBHOOK_SIGNATURE_HEADER,
      timestampHeader: e.TRUMPETS_GRAFANA_WEBHOOK_TIMESTAMP_HEADER,
    },
    proposalDrafting: { intervalMs: e.TRUMPETS_PROPOSAL_DRAFTING_INTERVAL_MS, drafterUrl: e.TRUMPETS_PROPOSAL_DRAFTER_URL },
    retryAfterSeconds: e.TRUMPETS_RETRY_AFTER_SECONDS,
    roles: [...new Set(e.TRUMPETS_ROLES)],
    retention: e.TRUMPETS_RETENTION_DAYS,
    workerLeaseMs: e.TRUMPETS_WORKER_LEASE_SECONDS * 1000,
    logLevel: e.TRUMPETS_LOG_LEVEL,
    spool: {
      enabled: e.TRUMPETS_SPOOL === 'on',
      dir: e.TRUMPETS_SPOOL_DIR ?? join(dirname(e.TRUMPETS_DATA_DIR), 'spool'),
      maxBytes: e.TRUMPETS_SPOOL_MAX_BYTES,
    },
    engine: {
      maxMemoryBytes: e.TRUMPETS_ENGINE_MAX_MEMORY_BYTES,
      queryMaxMemoryBytes: e.TRUMPETS_ENGINE_QUERY_MAX_MEMORY_BYTES,
      mergeMaxMemoryBytes: e.TRUMPETS_ENGINE_MERGE_MAX_MEMORY_BYTES,
      mergeThreads: e.TRUMPETS_ENGINE_MERGE_THREADS,
      markCacheBytes: e.TRUMPETS_ENGINE_MARK_CACHE_BYTES,
      primaryIndexCacheBytes: e.TRUMPETS_ENGINE_PRIMARY_INDEX_CACHE_BYTES,
      uncompressedCacheBytes: e.TRUMPETS_ENGINE_UNCOMPRESSED_CACHE_BYTES,
      memoryPurgeIntervalMs: e.TRUMPETS_ENGINE_MEMORY_PURGE_INTERVAL_MS,
    },
    heapPressurePercent: e.TRUMPETS_HEAP_PRESSURE_PERCENT,
    tokens: e.TRUMPETS_TOKENS ?? [],
    redaction: { enabled: e.TRUMPETS_REDACTION === 'on', patterns: e.TRUMPETS_REDACTION_PATTERNS ?? [] },
    corsOrigins: (e.TRUMPETS_CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    limits: {
      maxSpansPerRequest: e.TRUMPETS_MAX_SPANS_PER_REQUEST,
      maxAttributesPerSpan: e.TRUMPETS_MAX_ATTRIBUTES_PER_SPAN,
      maxAttributeLength: e.TRUMPETS_MAX_ATTRIBUTE_LENGTH,
      maxAttributeDepth: e.TRUMPETS_MAX_ATTRIBUTE_DEPTH,
      spansPerSecondPerCaller: e.TRUMPETS_RATE_LIMIT_SPANS_PER_SECOND,
      maxSpanAgeMs: e.TRUMPETS_MAX_SPAN_AGE_DAYS * 86_400_000,
      maxSpanFutureMs: e.TRUMPETS_MAX_SPAN_FUTURE_MINUTES * 60_000,
    },
    pricesFile: e.TRUMPETS_PRICES_FILE,
  };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function isRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
