import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { guard } from '../internal/guard.ts';
import { TRACER_NAME, currentSettings } from '../internal/settings.ts';
import type { ExportHealth } from './ExportHealth.ts';
import { sanitizeThirdPartySpan } from './sanitizeThirdPartySpan.ts';
import type { TracingStats } from './TracingStats.ts';

/**
 * Wraps the real exporter: applies our rules to other instrumentations' spans, counts what was
 * delivered and what was lost, and reports trouble through {@link ExportHealth} (once per outage).
 */
export class ExportStage implements SpanExporter {
  constructor(
    private readonly exporter: SpanExporter,
    private readonly stats: TracingStats,
    private readonly health: ExportHealth,
  ) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    // Off the queue from here on: what happens next is counted as delivered or failed.
    this.stats.queuedSpans = Math.max(0, this.stats.queuedSpans - spans.length);
    const settings = currentSettings();
    for (const span of spans) {
      if (span.instrumentationScope.name !== TRACER_NAME) guard('sanitizing a span', () => sanitizeThirdPartySpan(span, settings));
    }
    let settled = false;
    const settle = (delivered: boolean, error?: unknown): void => {
      if (settled) return;
      settled = true;
      if (delivered) {
        this.stats.exportedSpans += spans.length;
        this.health.delivered();
      } else {
        this.health.exportFailed(error);
        this.stats.failedSpans += spans.length;
      }
      // Reported as done either way: the loss is counted and warned about here, so the batch
      // processor need not report it again for every batch.
      done({ code: ExportResultCode.SUCCESS });
    };
    try {
      this.exporter.export(spans, (result) => settle(result.code === ExportResultCode.SUCCESS, result.error));
    } catch (error) {
      settle(false, error);
    }
  }

  async forceFlush(): Promise<void> {
    await this.exporter.forceFlush?.();
  }

  async shutdown(): Promise<void> {
    await this.exporter.shutdown();
  }
}
