import { SpanStatusCode } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { GEN_AI, OPERATION, TRUMPETS } from '@trumpets/protocol/conventions';
import { reportFailure } from '../internal/guard.ts';
import type { QueueGate } from './QueueGate.ts';
import type { TracingStats } from './TracingStats.ts';

export interface SamplingOptions {
  /** Share of successful episodes kept, from 0 to 1. Failed, escalated, corrected and safety-flagged episodes are always kept. Default: 1 (keep all). */
  successRate?: number;
  /** How many sampled-out episodes are held back, so that a correction or safety flag that arrives soon after still keeps them. Default: 100. */
  holdDroppedEpisodes?: number;
  /** Most spans held for running and held-back episodes together; beyond it spans are dropped and counted. Default: 10000. */
  maxBufferedSpans?: number;
}

interface RunningEpisode {
  rootSpanId: string;
  spans: ReadableSpan[];
  keep: boolean;
}

/** Decisions remembered for spans that end after their episode (work the agent did not await). */
const REMEMBERED_DECISIONS = 4096;

/**
 * Outcome-aware tail sampling, in process: the spans of an episode wait here until its root span
 * ends, then go on together or not at all. Every episode that did not end as `success` is kept, as
 * is any episode a correction or safety flag asked to keep; successes are kept at `successRate`,
 * decided from the trace id (the same id always gets the same answer). With a rate of 1 spans pass
 * straight through. Spans outside episodes (corrections, a host app's own spans) always pass.
 */
export class EpisodeSampler implements SpanProcessor {
  private readonly running = new Map<string, RunningEpisode>();
  private readonly held = new Map<string, ReadableSpan[]>();
  private readonly decisions = new Map<string, boolean>();
  private readonly successRate: number;
  private readonly holdDroppedEpisodes: number;
  private readonly maxBufferedSpans: number;

  constructor(
    private readonly gate: QueueGate,
    private readonly stats: TracingStats,
    options: SamplingOptions = {},
  ) {
    this.successRate = Math.min(1, Math.max(0, options.successRate ?? 1));
    this.holdDroppedEpisodes = options.holdDroppedEpisodes ?? 100;
    this.maxBufferedSpans = options.maxBufferedSpans ?? 10_000;
  }

  get sampling(): boolean {
    return this.successRate < 1;
  }

  onStart(span: Span, _parentContext: Context): void {
    if (!this.sampling || span.parentSpanContext !== undefined || span.attributes[GEN_AI.OPERATION_NAME] !== OPERATION.INVOKE_AGENT) return;
    // Episodes that never end must not grow this map without bound: past it, new ones are kept unsampled.
    if (this.running.size >= this.maxBufferedSpans) return;
    try {
      const { traceId, spanId } = span.spanContext();
      this.running.set(traceId, { rootSpanId: spanId, spans: [], keep: false });
      span.setAttribute(TRUMPETS.SAMPLING_SUCCESS_RATE, this.successRate);
    } catch (error) {
      reportFailure('sampling: opening an episode', error);
    }
  }

  onEnd(span: ReadableSpan): void {
    try {
      if (this.sampling) this.route(span);
      else this.gate.forward(span);
    } catch (error) {
      reportFailure('sampling: routing a span', error);
    }
  }

  /** Keeps this episode whatever its outcome: before it ends, or while it is held back after. */
  keepEpisode(traceId: string): void {
    const episode = this.running.get(traceId);
    if (episode) {
      episode.keep = true;
      return;
    }
    const held = this.held.get(traceId);
    if (!held) return;
    this.release(traceId);
    this.stats.sampledOutEpisodes--;
    this.decisions.set(traceId, true);
    for (const span of held) this.gate.forward(span);
  }

  /** Exports what is queued. Spans of episodes still running stay: their episode is not decided yet. */
  forceFlush(): Promise<void> {
    return this.gate.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.gate.shutdown();
  }

  private route(span: ReadableSpan): void {
    const { traceId, spanId } = span.spanContext();
    const episode = this.running.get(traceId);
    if (episode && spanId === episode.rootSpanId) return this.decide(traceId, episode, span);
    if (episode) return this.buffer(episode.spans, span);
    const decision = this.decisions.get(traceId);
    if (decision === false) {
      this.addLate(traceId, span);
      return;
    }
    this.gate.forward(span);
  }

  private decide(traceId: string, episode: RunningEpisode, root: ReadableSpan): void {
    this.running.delete(traceId);
    this.stats.bufferedSpans -= episode.spans.length;
    const keep =
      episode.keep ||
      root.attributes[TRUMPETS.EPISODE_OUTCOME] !== 'success' ||
      root.status.code === SpanStatusCode.ERROR ||
      this.coin(traceId);
    this.remember(traceId, keep);
    if (keep) {
      for (const span of episode.spans) this.gate.forward(span);
      this.gate.forward(root);
      return;
    }
    this.stats.sampledOutEpisodes++;
    this.hold(traceId, [...episode.spans, root]);
  }

  /** Successes are kept when the trace id's last 32 bits, as a fraction, fall below the rate. */
  private coin(traceId: string): boolean {
    return Number.parseInt(traceId.slice(-8), 16) / 0x1_0000_0000 < this.successRate;
  }

  private buffer(spans: ReadableSpan[], span: ReadableSpan): void {
    this.makeRoom(1);
    if (this.stats.bufferedSpans >= this.maxBufferedSpans) {
      this.stats.droppedSpans++;
      return;
    }
    spans.push(span);
    this.stats.bufferedSpans++;
  }

  /** A span that ended after its episode was sampled out joins it while it is held, else goes with it. */
  private addLate(traceId: string, span: ReadableSpan): void {
    const held = this.held.get(traceId);
    if (!held || this.stats.bufferedSpans >= this.maxBufferedSpans) return;
    held.push(span);
    this.stats.bufferedSpans++;
  }

  private hold(traceId: string, spans: ReadableSpan[]): void {
    if (this.holdDroppedEpisodes === 0) return;
    this.makeRoom(spans.length);
    if (this.stats.bufferedSpans + spans.length > this.maxBufferedSpans) return;
    this.held.set(traceId, spans);
    this.stats.bufferedSpans += spans.length;
    while (this.held.size > this.holdDroppedEpisodes) this.release(this.held.keys().next().value as string);
  }

  /** Held-back episodes give way first when the buffer is full: running episodes matter more. */
  private makeRoom(count: number): void {
    while (this.held.size > 0 && this.stats.bufferedSpans + count > this.maxBufferedSpans) {
      this.release(this.held.keys().next().value as string);
    }
  }

  private release(traceId: string): void {
    const held = this.held.get(traceId);
    if (!held) return;
    this.held.delete(traceId);
    this.stats.bufferedSpans -= held.length;
  }

  private remember(traceId: string, keep: boolean): void {
    this.decisions.set(traceId, keep);
    if (this.decisions.size > REMEMBERED_DECISIONS) this.decisions.delete(this.decisions.keys().next().value as string);
  }
}
