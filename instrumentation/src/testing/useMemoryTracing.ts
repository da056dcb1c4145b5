import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach } from 'vitest';
import { setup } from '../setup.ts';
import type { TrumpetsHandle } from '../setup.ts';
import type { SetupOptions } from '../setupOptions.ts';

export interface MemoryTracing {
  /** Flushes, then every span exported so far in this test. */
  spans(): Promise<ReadableSpan[]>;
  /** Warnings the tracer logged in this test. */
  warnings: string[];
  handle(): TrumpetsHandle;
}

/**
 * Test support: each test in the calling suite runs against a fresh `setup()` whose spans land in
 * memory; `shutdown()` afterwards unregisters the globals, so tests do not see each other's spans.
 */
export function useMemoryTracing(options: Omit<SetupOptions, 'exporter' | 'logger'> = {}): MemoryTracing {
  let exporter: InMemorySpanExporter;
  let tracing: TrumpetsHandle;
  const warnings: string[] = [];
  beforeEach(() => {
    warnings.length = 0;
    exporter = new InMemorySpanExporter();
    tracing = setup({ serviceName: 'test-agent', ...options, exporter, logger: { warn: (message) => warnings.push(message) } });
  });
  afterEach(() => tracing.shutdown());
  return {
    warnings,
    handle: () => tracing,
    async spans() {
      await tracing.forceFlush();
      return exporter.getFinishedSpans();
    },
  };
}

/** The one span with this name; fails the test when there are none or several. */
export function spanNamed(spans: readonly ReadableSpan[], name: string): ReadableSpan {
  const found = spans.filter((span) => span.name === name);
  if (found.length !== 1) throw new Error(`expected one span "${name}", found ${found.length}: ${spans.map((s) => s.name).join(', ')}`);
  return found[0] as ReadableSpan;
}
