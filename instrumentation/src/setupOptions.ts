import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { LlmClientModules } from './auto/instrumentLlmClients.ts';
import type { SamplingOptions } from './pipeline/EpisodeSampler.ts';
import type { RedactionOptions } from './redaction/createRedactor.ts';

/** Where the collector listens when nothing else is configured (OTLP/HTTP's standard port). */
export const DEFAULT_ENDPOINT = 'http://127.0.0.1:4318/v1/traces';

/** Where the tracer's own warnings go. */
export interface TracerLogger {
  warn(message: string): void;
}

export interface SetupOptions {
  /** `service.name` of the agent process. Default: env `OTEL_SERVICE_NAME`, else OpenTelemetry's `unknown_service:node`. */
  serviceName?: string;
  /**
   * Full OTLP/HTTP traces URL. Default: env `TRUMPETS_ENDPOINT` (a base URL; `/v1/traces` is appended),
   * else `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (full URL), else `OTEL_EXPORTER_OTLP_ENDPOINT` (base URL),
   * else {@link DEFAULT_ENDPOINT}. Ignored when `exporter` is given.
   */
  endpoint?: string;
  /** HTTP headers on every export, e.g. `Authorization`. Default: none (env `OTEL_EXPORTER_OTLP_HEADERS` still applies). Ignored when `exporter` is given. */
  headers?: Record<string, string>;
  /** How long one export may take, retries included, in ms. Default: 10000 (OTLP's). Ignored when `exporter` is given. */
  exportTimeoutMillis?: number;
  /**
   * Any span exporter, e.g. `@opentelemetry/exporter-trace-otlp-proto` (bring it yourself) or an
   * in-memory one in tests. Default: the OTLP/HTTP JSON exporter sending to `endpoint`.
   */
  exporter?: SpanExporter;
  /** Record content: episode input and output, chat messages, tool arguments and results when a tool asks. Default: env `TRUMPETS_CAPTURE_CONTENT` (`false` turns it off), else true. */
  captureContent?: boolean;
  /** Content longer than this many characters (after redaction) is cut. Default: 32768. */
  maxContentChars?: number;
  /**
   * Where span start and end times come from, in ms since the epoch. Default: the wall clock with
   * sub-millisecond resolution, never behind its last reading, so calls started within one
   * millisecond keep their order (the SDK's own start times are whole milliseconds). For
   * simulations and replays that must record realistic durations without waiting them out (the
   * demo agent's tools report their latencies this way).
   */
  clock?: () => number;
  /** Redaction applied to content and error text before it leaves the process; `false` turns it off. Default: built-in email, card and secret rules. */
  redaction?: RedactionOptions | false;
  /** Outcome-aware sampling of episodes. Default: successRate from env `TRUMPETS_SAMPLE_SUCCESS_RATE`, else 1 (keep everything). */
  sampling?: SamplingOptions;
  /** Most spans waiting for export; beyond it spans are dropped and counted (memory stays bounded when the collector is down). Default: 2048. */
  maxQueueSize?: number;
  /** LLM client packages to instrument, e.g. `{ openai: OpenAI, anthropic: Anthropic }`. Default: none. */
  llmClients?: LlmClientModules;
  /** Where the tracer's warnings go (one per kind of problem, one per collector outage). Default: `console.warn`. */
  logger?: TracerLogger;
  /** Flush when the process is about to exit on its own (`beforeExit`). `process.exit()` and signals skip it: call `shutdown()` there. Default: true. */
  flushOnExit?: boolean;
}

/** The traces URL from the environment, in the order documented on {@link SetupOptions.endpoint}. */
export function resolveEndpoint(env: NodeJS.ProcessEnv): string {
  const trumpets = env['TRUMPETS_ENDPOINT'];
  if (trumpets) return withTracesPath(trumpets);
  const traces = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'];
  if (traces) return traces;
  const base = env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  if (base) return withTracesPath(base);
  return DEFAULT_ENDPOINT;
}

/** Content capture from the environment: only an explicit `false` (or `0`) turns it off. */
export function captureContentFromEnv(env: NodeJS.ProcessEnv): boolean {
  const value = env['TRUMPETS_CAPTURE_CONTENT']?.trim().toLowerCase();
  return value !== 'false' && value !== '0';
}

/** The success sampling rate from the environment, when it is a number in [0, 1]. */
export function successRateFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env['TRUMPETS_SAMPLE_SUCCESS_RATE'];
  if (raw === undefined || raw.trim() === '') return undefined;
  const rate = Number(raw);
  return Number.isFinite(rate) && rate >= 0 && rate <= 1 ? rate : undefined;
}

function withTracesPath(base: string): string {
  return `${base.replace(/\/+$/, '')}/v1/traces`;
}
