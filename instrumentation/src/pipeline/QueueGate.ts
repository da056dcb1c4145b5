import { TraceFlags } from '@opentelemetry/api';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ExportHealth } from './ExportHealth.ts';
import type { TracingStats } from './TracingStats.ts';

/**
 * The bound in front of the batch processor. It counts every span between here and the exporter
 * (ExportStage takes them off the count), so it can drop and count a span before the batch
 * processor would drop it silently: memory stays bounded when the collector is down, and the
 * drops are known.
 */
export class QueueGate {
  constructor(
    private readonly batcher: SpanProcessor,
    readonly capacity: number,
    private readonly stats: TracingStats,
    private readonly health: ExportHealth,
  ) {}

  forward(span: ReadableSpan): void {
    // The batch processor ignores unsampled spans; counting them would leak queue slots.
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    if (this.stats.queuedSpans >= this.capacity) {
      this.health.queueFull(this.capacity);
      this.stats.droppedSpans++;
      return;
    }
    this.stats.queuedSpans++;
    this.batcher.onEnd(span);
  }

  forceFlush(): Promise<void> {
    return this.batcher.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.batcher.shutdown();
  }
}
