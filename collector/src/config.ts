import { z } from 'zod';
import { tokensSchema, type ApiToken } from './api/auth/tokens.ts';

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
  /** Spans per second each token (or, without tokens, each client address) may send; 0 = unlimited. Default 0. */
  TRUMPETS_RATE_LIMIT_SPANS_PER_SECOND: z.coerce.number().int().min(0).default(0),
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
  tokens: ApiToken[];
  corsOrigins: string[];
  limits: { maxSpansPerRequest: number; maxAttributesPerSpan: number; maxAttributeLength: number; spansPerSecondPerCaller: number };
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
      ? { url: e.CLICKHOUSE_URL, username: e.CLICKHOUSE_USER, password: e.CLICKHOUSE_PASSWORD, database: e.CLICKHOUSE_DATABASE }
      : undefined,
    maxBodyBytes: e.TRUMPETS_MAX_BODY_BYTES,
    maxTextChars: e.TRUMPETS_MAX_TEXT_CHARS,
    assemblyIntervalMs: e.TRUMPETS_ASSEMBLY_INTERVAL_MS,
    retryAfterSeconds: e.TRUMPETS_RETRY_AFTER_SECONDS,
    logLevel: e.TRUMPETS_LOG_LEVEL,
    spool: { enabled: e.TRUMPETS_SPOOL === 'on', dir: e.TRUMPETS_SPOOL_DIR, maxBytes: e.TRUMPETS_SPOOL_MAX_BYTES },
    tokens: e.TRUMPETS_TOKENS ?? [],
    corsOrigins: (e.TRUMPETS_CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
    limits: {
      maxSpansPerRequest: e.TRUMPETS_MAX_SPANS_PER_REQUEST,
      maxAttributesPerSpan: e.TRUMPETS_MAX_ATTRIBUTES_PER_SPAN,
      maxAttributeLength: e.TRUMPETS_MAX_ATTRIBUTE_LENGTH,
      spansPerSecondPerCaller: e.TRUMPETS_RATE_LIMIT_SPANS_PER_SECOND,
    },
  };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
