import { z } from 'zod';

/**
 * Collector configuration, read once from the environment at start-up and checked by one schema,
 * so a bad value fails fast with a message naming the variable.
 */
const configSchema = z.object({
  /** Address to listen on. Default 127.0.0.1 (loopback only, safe by default). */
  TRUMPETS_HOST: z.string().min(1).default('127.0.0.1'),
  /** OTLP/HTTP port. Default 4318, the OTLP/HTTP standard port. */
  TRUMPETS_PORT: z.coerce.number().int().min(0).max(65535).default(4318),
  /** Directory of the embedded ClickHouse store. Default ./.trumpets/data. */
  TRUMPETS_DATA_DIR: z.string().min(1).default('./.trumpets/data'),
  /** ClickHouse server URL; when set, the server backend replaces the embedded one. */
  CLICKHOUSE_URL: z.url().optional(),
  CLICKHOUSE_USER: z.string().default('default'),
  CLICKHOUSE_PASSWORD: z.string().default(''),
  CLICKHOUSE_DATABASE: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier').default('default'),
  /** Largest accepted request body, before and after gunzip. Default 8 MiB. */
  TRUMPETS_MAX_BODY_BYTES: z.coerce.number().int().positive().default(8 * 1024 * 1024),
  /** Episode input/output longer than this (in characters) is truncated and marked. Default 8192. */
  TRUMPETS_MAX_TEXT_CHARS: z.coerce.number().int().positive().default(8192),
  /** How long the episode assembler waits to gather more spans before a pass, in ms. Default 200. */
  TRUMPETS_ASSEMBLY_INTERVAL_MS: z.coerce.number().int().positive().default(200),
  /** Seconds a client is told to wait (Retry-After) when the store cannot take writes. Default 5. */
  TRUMPETS_RETRY_AFTER_SECONDS: z.coerce.number().int().positive().default(5),
  /** on: acknowledge once spans are fsync'd to the local spool (survives crashes and store outages); off: once stored. Default on. */
  TRUMPETS_SPOOL: z.enum(['on', 'off']).default('on'),
  /** Directory of the write-ahead spool. Default ./.trumpets/spool. */
  TRUMPETS_SPOOL_DIR: z.string().min(1).default('./.trumpets/spool'),
  /** Disk budget of the spool; past it requests get 503 with Retry-After. Default 1 GiB. */
  TRUMPETS_SPOOL_MAX_BYTES: z.coerce.number().int().positive().default(1024 * 1024 * 1024),
  /** debug | info | warn | error. Default info. */
  TRUMPETS_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export interface CollectorConfig {
  host: string;
  port: number;
  dataDir: string;
  clickhouse?: { url: string; username: string; password: string; database: string };
  maxBodyBytes: number;
  maxTextChars: number;
  assemblyIntervalMs: number;
  retryAfterSeconds: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  spool: { enabled: boolean; dir: string; maxBytes: number };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): CollectorConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    host: e.TRUMPETS_HOST,
    port: e.TRUMPETS_PORT,
    dataDir: e.TRUMPETS_DATA_DIR,
    clickhouse: e.CLICKHOUSE_URL
      ? { url: e.CLICKHOUSE_URL, username: e.CLICKHOUSE_USER, password: e.CLICKHOUSE_PASSWORD, database: e.CLICKHOUSE_DATABASE }
      : undefined,
    maxBodyBytes: e.TRUMPETS_MAX_BODY_BYTES,
    maxTextChars: e.TRUMPETS_MAX_TEXT_CHARS,
    assemblyIntervalMs: e.TRUMPETS_ASSEMBLY_INTERVAL_MS,
    retryAfterSeconds: e.TRUMPETS_RETRY_AFTER_SECONDS,
    logLevel: e.TRUMPETS_LOG_LEVEL,
    spool: { enabled: e.TRUMPETS_SPOOL === 'on', dir: e.TRUMPETS_SPOOL_DIR, maxBytes: e.TRUMPETS_SPOOL_MAX_BYTES },
  };
}
