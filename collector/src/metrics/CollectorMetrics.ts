import { getHeapStatistics } from 'node:v8';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { EpisodeAssembler } from '../episodes/EpisodeAssembler.ts';
import type { IngestPipeline } from '../ingest/createSpanIngest.ts';
import type { Store } from '../store/Store.ts';

const ENGINE_MEMORY_KINDS: Record<string, string> = {
  MemoryTracking: 'tracked',
  MergesMutationsMemoryTracking: 'merges',
  MarkCacheBytes: 'mark_cache',
  IndexMarkCacheBytes: 'index_mark_cache',
  PrimaryIndexCacheBytes: 'primary_index_cache',
  UncompressedCacheBytes: 'uncompressed_cache',
};

export type RejectReason = 'invalid' | 'too_large' | 'rate_limited' | 'unavailable' | 'store_error' | 'unauthorized';

/**
 * What Grafana watches of the collector itself, in Prometheus text format at /metrics. Counters
 * the request path moves are incremented there; the rest is read from the pipeline when scraped.
 */
export class CollectorMetrics {
  readonly registry = new Registry();
  readonly spansReceived = new Counter({
    name: 'trumpets_spans_received_total',
    help: 'Spans in OTLP requests that decoded',
    registers: [this.registry],
  });
  readonly spansAccepted = new Counter({
    name: 'trumpets_spans_accepted_total',
    help: 'Spans acknowledged with 200 (spooled, or stored when the spool is off)',
    registers: [this.registry],
  });
  readonly spansRejected = new Counter({
    name: 'trumpets_spans_rejected_total',
    help: 'Spans refused, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly requests = new Counter({
    name: 'trumpets_otlp_requests_total',
    help: 'OTLP/HTTP export requests by answer',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });

  constructor(pipeline: IngestPipeline, assembler: EpisodeAssembler, store: Store) {
    collectDefaultMetrics({ register: this.registry, prefix: 'trumpets_process_' });
    const drainer = pipeline.drainer;
    const spool = pipeline.spool;
    new Counter({
      name: 'trumpets_spans_stored_total',
      help: 'Spans written to the store by the spool drainer (replays included)',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(drainer?.stats.storedSpans ?? 0);
      },
    });
    new Gauge({
      name: 'trumpets_spool_replayed_segments',
      help: 'Spool segments found at start and replayed',
      registers: [this.registry],
      collect() {
        this.set(drainer?.stats.replayedSegments ?? 0);
      },
    });
    new Counter({
      name: 'trumpets_store_errors_total',
      help: 'Failed attempts to write spooled spans to the store, by the store reason (no_space, overloaded, unreachable, too_many_partitions, bad_row, other)',
      labelNames: ['reason'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [reason, count] of drainer?.stats.storeErrorsByReason ?? []) this.inc({ reason }, count);
      },
    });
    new Counter({
      name: 'trumpets_dead_letter_rows_total',
      help: 'Rows the store refused for good, held in the dead_letters table, by reason',
      labelNames: ['reason'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [reason, count] of drainer?.deadLetters.counts ?? []) this.inc({ reason }, count);
      },
    });
    new Gauge({
      name: 'trumpets_spool_bytes',
      help: 'Bytes held in the write-ahead spool',
      registers: [this.registry],
      collect() {
        this.set(spool?.bytes ?? 0);
      },
    });
    new Gauge({
      name: 'trumpets_engine_memory_bytes',
      help: "The store engine's own memory figures (system.metrics): tracked (everything it allocated), merges, and each cache",
      labelNames: ['kind'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        // A store that cannot answer leaves the gauge empty: the scrape itself must not fail.
        const rows = await store.named<{ metric: string; bytes: string }>('engine_memory').catch(() => []);
        for (const row of rows) this.set({ kind: ENGINE_MEMORY_KINDS[row.metric] ?? row.metric }, Number(row.bytes));
      },
    });
    new Gauge({
      name: 'trumpets_js_heap_limit_bytes',
      help: "V8's limit for the JS heap (TRUMPETS_JS_HEAP_MB or --max-old-space-size): OTLP requests are refused near it",
      registers: [this.registry],
      collect() {
        this.set(getHeapStatistics().heap_size_limit);
      },
    });
    new Gauge({
      name: 'trumpets_episode_assembly_pending_traces',
      help: 'Traces touched but not yet assembled into episodes (assembly lag)',
      registers: [this.registry],
      collect() {
        this.set(assembler.stats.pendingTraces);
      },
    });
    new Counter({
      name: 'trumpets_episode_assembly_set_aside_traces_total',
      help: 'Traces whose episode rows the store refused for good: set aside (logged with the reason) so the others go on',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(assembler.stats.setAsideTraces);
      },
    });
    new Counter({
      name: 'trumpets_episodes_assembled_total',
      help: 'Episode rows written by the assembler (an episode re-assembled counts again)',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(assembler.stats.assembledEpisodes);
      },
    });
  }

  reject(reason: RejectReason, spans: number): void {
    if (spans > 0) this.spansRejected.inc({ reason }, spans);
  }
}
