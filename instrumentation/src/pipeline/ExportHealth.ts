import type { TracingStats } from './TracingStats.ts';

/**
 * Says when spans start getting lost, once, and when delivery works again, once: one warning per
 * outage however many spans or batches fail, as the agent's logs should not fill up with ours.
 * Callers report trouble before they count the lost spans, so the count covers the whole outage.
 */
export class ExportHealth {
  private troubled = false;
  private lostBefore = 0;

  constructor(
    private readonly stats: TracingStats,
    private readonly warn: (message: string) => void,
    private readonly destination: string,
  ) {}

  exportFailed(error: unknown): void {
    this.trouble(
      `cannot deliver spans to ${this.destination} (${reasonOf(error)}); the agent carries on and spans are dropped until it answers`,
    );
  }

  queueFull(capacity: number): void {
    this.trouble(`the export queue is full (${capacity} spans); new spans are dropped until it drains`);
  }

  delivered(): void {
    if (!this.troubled) return;
    this.troubled = false;
    this.warn(`delivering spans again; ${this.lost() - this.lostBefore} spans were lost meanwhile`);
  }

  private trouble(message: string): void {
    if (this.troubled) return;
    this.troubled = true;
    this.lostBefore = this.lost();
    this.warn(`${message} (said once until delivery works again)`);
  }

  private lost(): number {
    return this.stats.failedSpans + this.stats.droppedSpans;
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
