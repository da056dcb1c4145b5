import { context, propagation, trace, type TracerProvider } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { instrumentLlmClients } from './auto/instrumentLlmClients.ts';
import { OTEL } from '@trumpets/protocol/conventions';
import { TRACER_NAME, createSettings, currentSettings, replaceSettings, sayTo } from './internal/settings.ts';
import { createPipeline } from './pipeline/createPipeline.ts';
import { flushBeforeExit } from './pipeline/exitFlush.ts';
import type { TracingStats } from './pipeline/TracingStats.ts';
import { captureContentFromEnv, resolveEndpoint, successRateFromEnv } from './setupOptions.ts';
import type { SetupOptions, TracerLogger } from './setupOptions.ts';

/** What {@link setup} returns: the provider, what it counted, and the two calls a process makes before it exits. */
export interface TrumpetsHandle {
  /** The registered provider, as the OpenTelemetry API's interface (the SDK class behind it is ours to change). */
  readonly tracerProvider: TracerProvider;
  /** A snapshot of what happened to the spans so far: delivered, failed, dropped, queued, sampled out. */
  stats(): TracingStats;
  /** Exports every finished episode now. Never rejects: export trouble is counted and warned about instead. */
  forceFlush(): Promise<void>;
  /**
   * Exports what is left, stops the provider, puts instrumented LLM clients back and unregisters the
   * globals this setup registered, so setup can run again. Never rejects; calling it twice is fine.
   */
  shutdown(): Promise<void>;
}

const consoleLogger: TracerLogger = { warn: (message) => console.warn(message) };

/**
 * Sends this process's episodes to a Trumpets collector: a tracer provider with outcome-aware
 * sampling, a bounded batching OTLP/HTTP exporter and redaction, registered globally with an
 * AsyncLocalStorage context manager so spans nest across `await`, timers and promise chains.
 * Call once at start-up. Processes that already run an OpenTelemetry SDK may skip it: withEpisode()
 * then uses the global provider (redaction of our own attributes still applies).
 */
export function setup(options: SetupOptions = {}): TrumpetsHandle {
  const env = process.env;
  const logger = options.logger ?? consoleLogger;
  const say = sayTo((message) => logger.warn(message));
  const settings = createSettings({
    captureContent: options.captureContent ?? captureContentFromEnv(env),
    maxContentChars: options.maxContentChars,
    redaction: options.redaction,
    say,
    clock: options.clock,
  });
  const endpoint = options.endpoint ?? resolveEndpoint(env);
  const exporter =
    options.exporter ?? new OTLPTraceExporter({ url: endpoint, headers: options.headers, timeoutMillis: options.exportTimeoutMillis });
  const successRate = options.sampling?.successRate ?? successRateFromEnv(env);
  if (env['TRUMPETS_SAMPLE_SUCCESS_RATE'] && successRate === undefined) {
    settings.warn('bad-sample-rate', 'TRUMPETS_SAMPLE_SUCCESS_RATE is not a number from 0 to 1; keeping every episode');
  }
  const pipeline = createPipeline(exporter, {
    maxQueueSize: options.maxQueueSize ?? 2048,
    sampling: { ...options.sampling, successRate },
    // Straight to the logger: ExportHealth already says things once per outage, and a second outage must be said again.
    warn: say,
    destination: options.exporter ? `the ${options.exporter.constructor.name}` : endpoint,
  });
  const serviceName = options.serviceName ?? env['OTEL_SERVICE_NAME'];
  const resource =
    serviceName === undefined ? defaultResource() : defaultResource().merge(resourceFromAttributes({ [OTEL.SERVICE_NAME]: serviceName }));
  const tracerProvider = new BasicTracerProvider({ resource, spanProcessors: [pipeline.sampler] });
  settings.tracer = tracerProvider.getTracer(TRACER_NAME);
  settings.keepEpisode = (episodeId) => pipeline.sampler.keepEpisode(episodeId);
  replaceSettings(settings);

  // Each registration fails (and says so on diag) if another SDK got there first; only ours are undone later.
  const ownsContext = context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const ownsPropagation = propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
  const ownsTrace = trace.setGlobalTracerProvider(tracerProvider);
  if (!ownsTrace)
    settings.warn('provider-taken', 'a tracer provider was already registered; LLM client spans that use the global one go to it');
  const llm = options.llmClients
    ? instrumentLlmClients(options.llmClients, { tracerProvider, captureContent: settings.captureContent })
    : undefined;

  let shutdownOnce: Promise<void> | undefined;
  const shutdown = (): Promise<void> =>
    (shutdownOnce ??= (async () => {
      stopWatchingExit?.();
      llm?.uninstrument();
      await tracerProvider.shutdown().catch((error: unknown) => settings.warn('shutdown', `shutting down failed: ${String(error)}`));
      if (currentSettings() === settings) replaceSettings(undefined);
      if (ownsTrace) trace.disable();
      if (ownsPropagation) propagation.disable();
      if (ownsContext) context.disable();
    })());
  const stopWatchingExit = options.flushOnExit === false ? undefined : flushBeforeExit(shutdown);

  return {
    tracerProvider,
    stats: () => ({ ...pipeline.stats }),
    forceFlush: () => tracerProvider.forceFlush().catch((error: unknown) => settings.warn('flush', `flushing failed: ${String(error)}`)),
    shutdown,
  };
}
