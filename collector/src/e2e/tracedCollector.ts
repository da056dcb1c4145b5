import { setup, type SetupOptions, type TrumpetsHandle } from '@trumpets/instrumentation';
import { startInProcessCollector, TEST_TOKEN, type InProcessCollector } from '../testing/inProcessCollector.ts';

/** The real collector in this process, and the tracer pointed at it the way an agent would be. */
export interface TracedCollector {
  harness: InProcessCollector;
  /** The OTLP endpoint and credentials an agent gives setup(), in one place. */
  exportOptions: Pick<SetupOptions, 'endpoint' | 'headers'>;
  /** Runs work with setup() pointed at the collector, shuts the tracer down, then waits until every acknowledged span is assembled. */
  traced<T>(work: (tracing: TrumpetsHandle) => Promise<T>, options?: Omit<SetupOptions, 'endpoint' | 'headers'>): Promise<T>;
  /** Rows of a query against the collector's store. */
  query<Row = Record<string, unknown>>(sql: string, params?: Record<string, unknown>): Promise<Row[]>;
  /** Warnings the tracer logged so far. */
  warnings: string[];
  close(): Promise<void>;
}

export async function startTracedCollector(): Promise<TracedCollector> {
  const harness = await startInProcessCollector();
  const exportOptions = { endpoint: `${harness.collector.url}/v1/traces`, headers: { authorization: `Bearer ${TEST_TOKEN}` } };
  const warnings: string[] = [];
  return {
    harness,
    exportOptions,
    warnings,
    async traced(work, options = {}) {
      const tracing = setup({
        serviceName: 'e2e-agent',
        flushOnExit: false,
        logger: { warn: (message) => warnings.push(message) },
        ...options,
        ...exportOptions,
      });
      try {
        return await work(tracing);
      } finally {
        await tracing.shutdown();
        await harness.collector.settle();
      }
    },
    query: (sql, params) => harness.store.query(sql, params),
    close: () => harness.close(),
  };
}
