import { context, diag, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { OTEL } from './conventions.ts';

/** Where the collector listens when nothing else is configured (OTLP/HTTP's standard port). */
export const DEFAULT_ENDPOINT = 'http://127.0.0.1:4318/v1/traces';

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
  /**
   * Any span exporter, e.g. `@opentelemetry/exporter-trace-otlp-proto` (bring it yourself) or an
   * in-memory one in tests. Default: the OTLP/HTTP JSON exporter sending to `endpoint`.
   */
  exporter?: SpanExporter;
}

/** What {@link setup} returns: the provider, and the two calls a process makes before it exits. */
export interface TrumpetsHandle {
  readonly tracerProvider: BasicTracerProvider;
  /** Exports every finished span now. */
  forceFlush(): Promise<void>;
  /** Exports what is left, stops the provider and unregisters the globals this setup registered, so setup can run again. */
  shutdown(): Promise<void>;
}

/**
 * Sends this process's spans to a Trumpets collector: a tracer provider with a batching OTLP
 * exporter, registered globally with an AsyncLocalStorage context manager so spans nest across
 * `await`. Call once at start-up; call `shutdown()` before the process exits or the last batch is lost.
 * Processes that already run an OpenTelemetry SDK skip this: withEpisode() uses the global provider.
 */
export function setup(options: SetupOptions = {}): TrumpetsHandle {
  const env = process.env;
  const exporter =
    options.exporter ??
    new OTLPTraceExporter({ url: options.endpoint ?? resolveEndpoint(env), headers: options.headers });
  const serviceName = options.serviceName ?? env['OTEL_SERVICE_NAME'];
  const resource =
    serviceName === undefined
      ? defaultResource()
      : defaultResource().merge(resourceFromAttributes({ [OTEL.SERVICE_NAME]: serviceName }));
  const tracerProvider = new BasicTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(exporter)] });

  // Each registration fails (and says so on diag) if another SDK got there first; only ours are undone later.
  const ownsContext = context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const ownsPropagation = propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
  const ownsTrace = trace.setGlobalTracerProvider(tracerProvider);
  if (!ownsTrace) diag.warn('@trumpets/instrumentation: a tracer provider was already registered; episodes go to it');

  return {
    tracerProvider,
    forceFlush: () => tracerProvider.forceFlush(),
    async shutdown() {
      try {
        await tracerProvider.shutdown();
      } finally {
        if (ownsTrace) trace.disable();
        if (ownsPropagation) propagation.disable();
        if (ownsContext) context.disable();
      }
    },
  };
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

function withTracesPath(base: string): string {
  return `${base.replace(/\/+$/, '')}/v1/traces`;
}
