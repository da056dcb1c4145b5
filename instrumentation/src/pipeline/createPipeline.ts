import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { EpisodeSampler } from './EpisodeSampler.ts';
import type { SamplingOptions } from './EpisodeSampler.ts';
import { ExportHealth } from './ExportHealth.ts';
import { ExportStage } from './ExportStage.ts';
import { QueueGate } from './QueueGate.ts';
import { emptyStats } from './TracingStats.ts';
import type { TracingStats } from './TracingStats.ts';

export interface PipelineOptions {
  maxQueueSize: number;
  sampling: SamplingOptions;
  /** Where export trouble is reported (once per outage). */
  warn(message: string): void;
  /** Named in those reports: the endpoint, or the exporter's class. */
  destination: string;
}

export interface Pipeline {
  /** The one span processor to register: sampling first, then the bounded queue, then batching. */
  sampler: EpisodeSampler;
  stats: TracingStats;
}

/**
 * span ends → EpisodeSampler (keeps or drops whole episodes) → QueueGate (bounded, counts drops)
 * → the stock BatchSpanProcessor → ExportStage (sanitises other instrumentations' spans, counts,
 * warns once per outage) → the exporter.
 */
export function createPipeline(exporter: SpanExporter, options: PipelineOptions): Pipeline {
  const stats = emptyStats();
  const health = new ExportHealth(stats, options.warn, options.destination);
  const batcher = new BatchSpanProcessor(new ExportStage(exporter, stats, health), {
    maxQueueSize: options.maxQueueSize,
    maxExportBatchSize: Math.min(512, options.maxQueueSize),
  });
  const gate = new QueueGate(batcher, options.maxQueueSize, stats, health);
  return { sampler: new EpisodeSampler(gate, stats, options.sampling), stats };
}
