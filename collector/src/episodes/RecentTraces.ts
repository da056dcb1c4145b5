import type { StoredSpan } from './storedSpan.ts';

interface RecentTrace {
  spans: Map<string, StoredSpan>;
  lastSeenMs: number;
  /** The store may hold spans of this trace that this process never saw: read them back before assembling. */
  needsReadBack: boolean;
  /** The sort key of the episode row last stored for this trace, when known (see EpisodeAssembler). */
  episodeKey?: string;
}

export interface RecentTracesOptions {
  /** A trace stays in memory this long after its last span, so late spans re-assemble without a store read. */
  retainMs: number;
  /** At most this many spans are held; the least recently touched traces go first. */
  maxSpans: number;
  /** How many evicted trace ids are remembered, so their late spans trigger a read-back. */
  maxEvictedIds: number;
}

/**
 * The spans of recently active traces, kept in memory so that assembling an episode usually
 * needs no store read. Reading a trace back from the spans table costs a scan that grows with the
 * table (trace ids are random, so they touch every granule), which is fine for the rare trace
 * this process may not have seen whole, and far too slow for every trace. Those rare traces are:
 * traces first seen soon after a restart, traces evicted from memory that get a late span, and
 * traces named by spool replay or start-up catch-up. One trace's spans must all reach the same
 * collector (route by trace id when running several, as tail sampling requires).
 */
export class RecentTraces {
  private readonly traces = new Map<string, RecentTrace>();
  private readonly evicted = new Set<string>();
  private spanCount = 0;
  private readBackNewTracesUntilMs = 0;

  constructor(private readonly options: RecentTracesOptions) {}

  /**
   * Until then, traces seen for the first time are read back too: set after a start that found
   * recent spans from a previous run, which may hold part of a trace still in progress.
   */
  readBackNewTracesUntil(untilMs: number): void {
    this.readBackNewTracesUntilMs = untilMs;
  }

  add(spans: readonly StoredSpan[], nowMs = Date.now()): Set<string> {
    const touched = new Set<string>();
    for (const span of spans) {
      const trace = this.touch(span.TraceId, nowMs);
      if (!trace.spans.has(span.SpanId)) this.spanCount += 1;
      trace.spans.set(span.SpanId, span);
      touched.add(span.TraceId);
    }
    return touched;
  }

  /** Marks traces whose spans are in the store but maybe not in memory. */
  markForReadBack(traceIds: Iterable<string>, nowMs = Date.now()): void {
    for (const id of traceIds) this.touch(id, nowMs).needsReadBack = true;
  }

  needingReadBack(traceIds: Iterable<string>): string[] {
    return [...traceIds].filter((id) => this.traces.get(id)?.needsReadBack);
  }

  /** Merges spans read back from the store (the store's copy of a span never replaces ours: they are equal). */
  mergeReadBack(spans: readonly StoredSpan[], traceIds: readonly string[]): void {
    for (const span of spans) {
      const trace = this.traces.get(span.TraceId);
      if (!trace || trace.spans.has(span.SpanId)) continue;
      trace.spans.set(span.SpanId, span);
      this.spanCount += 1;
    }
    for (const id of traceIds) {
      const trace = this.traces.get(id);
      if (trace) trace.needsReadBack = false;
    }
  }

  episodeKeyOf(traceId: string): string | undefined {
    return this.traces.get(traceId)?.episodeKey;
  }

  setEpisodeKey(traceId: string, key: string): void {
    const trace = this.traces.get(traceId);
    if (trace) trace.episodeKey = key;
  }

  spansOf(traceId: string): StoredSpan[] {
    return [...(this.traces.get(traceId)?.spans.values() ?? [])];
  }

  /** Forgets traces idle past the retention, and the least recently touched ones past the span cap; returns their ids. */
  evict(nowMs = Date.now()): string[] {
    const forgotten: string[] = [];
    for (const [id, trace] of this.traces) {
      const idle = nowMs - trace.lastSeenMs > this.options.retainMs;
      if (!idle && this.spanCount <= this.options.maxSpans) break;
      this.forget(id, trace);
      forgotten.push(id);
    }
    return forgotten;
  }

  has(traceId: string): boolean {
    return this.traces.has(traceId);
  }

  get stats(): { traces: number; spans: number } {
    return { traces: this.traces.size, spans: this.spanCount };
  }

  private touch(traceId: string, nowMs: number): RecentTrace {
    let trace = this.traces.get(traceId);
    if (trace) {
      // Re-insert so the map's order stays least-recently-touched first.
      this.traces.delete(traceId);
    } else {
      const maybeStoredBefore = this.evicted.delete(traceId) || nowMs < this.readBackNewTracesUntilMs;
      trace = { spans: new Map(), lastSeenMs: nowMs, needsReadBack: maybeStoredBefore };
    }
    trace.lastSeenMs = nowMs;
    this.traces.set(traceId, trace);
    return trace;
  }

  private forget(id: string, trace: RecentTrace): void {
    this.traces.delete(id);
    this.spanCount -= trace.spans.size;
    this.evicted.add(id);
    if (this.evicted.size > this.options.maxEvictedIds) this.evicted.delete(this.evicted.values().next().value!);
  }
}
