import type { Logger } from '../log/logger.ts';
import type { DecodedSpan } from '../otlp/types.ts';
import { nowMicrosText } from '../shared/clock.ts';
import { StoreError, type Store } from '../store/Store.ts';
import { assembleTrace, type AssemblyOptions } from './assembleTrace.ts';
import { nanosToDateTime64 } from '../spans/nanos.ts';
import { RecentTraces, type RecentTracesOptions } from './RecentTraces.ts';
import type { StoredSpan } from './storedSpan.ts';
import { toStoredSpan } from './toStoredSpan.ts';

export interface EpisodeAssemblerOptions extends AssemblyOptions, Partial<RecentTracesOptions> {
  /** How long to gather touched traces before a pass, in ms. */
  intervalMs: number;
}

/** After a restart, traces received this long before the newest assembly are assembled again. */
const CATCH_UP_MARGIN_MS = 5 * 60 * 1000;
/** The longest wait between assembly passes while the store refuses writes. */
const MAX_RETRY_DELAY_MS = 5_000;
/** Traces read back per query. */
const READ_BACK_CHUNK = 2000;

/**
 * Turns spans into episodes, continuously. Ingest hands it each acknowledged batch; every interval
 * it rebuilds the rows of the traces touched since the last pass from all their spans (kept in
 * memory, read back from the store when this process may not have seen them all). Rebuilding
 * from every span each time is what makes split, out-of-order and repeated delivery come out
 * right, and the row versions (AssembledAt) make the newest assembly win.
 */
export class EpisodeAssembler {
  private pending = new Set<string>();
  private readonly recent: RecentTraces;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private assembledEpisodes = 0;
  private setAsideTraces = 0;
  /**
   * Traces whose spans left memory before their episode could be written (a long store outage):
   * assembled from a read-back once the spool drainer says their spans are stored.
   */
  private readonly evictedUnassembled = new Set<string>();
  /** After a pass the store refused: the wait before the next, doubling while it keeps refusing. */
  private retryDelayMs = 0;

  constructor(
    private readonly store: Store,
    private readonly options: EpisodeAssemblerOptions,
    private readonly log: Logger,
  ) {
    this.recent = new RecentTraces({
      retainMs: options.retainMs ?? 30_000,
      maxSpans: options.maxSpans ?? 100_000,
      maxEvictedIds: options.maxEvictedIds ?? 1_000_000,
    });
  }

  /** Spans just acknowledged: assembled from memory. */
  addSpans(spans: readonly DecodedSpan[]): void {
    this.schedule(this.recent.add(spans.map(toStoredSpan)));
  }

  /** Traces whose spans are in the store but were not handed over here (replay, catch-up): read back. */
  noteTraces(traceIds: Iterable<string>): void {
    const ids = [...traceIds];
    this.recent.markForReadBack(ids);
    this.schedule(ids);
  }

  /** Spans just stored by the spool drainer: traces that left memory unassembled are read back now. */
  noteStored(traceIds: Iterable<string>): void {
    if (this.evictedUnassembled.size === 0) return;
    const readable = [...traceIds].filter((id) => this.evictedUnassembled.delete(id));
    if (readable.length > 0) this.noteTraces(readable);
  }

  /**
   * After a start: queues the traces received shortly before the last assembly (a crash may have
   * cut that pass short), and reads back new traces for a while if the last run was recent.
   */
  async catchUp(): Promise<number> {
    const [last] = await this.store.named<{ lastAssembledMs: string; lastReceivedMs: string }>('last_assembly');
    const lastReceivedMs = Number(last?.lastReceivedMs ?? 0);
    if (Date.now() - lastReceivedMs < CATCH_UP_MARGIN_MS) this.recent.readBackNewTracesUntil(Date.now() + CATCH_UP_MARGIN_MS);
    const sinceMs = Math.max(0, Number(last?.lastAssembledMs ?? 0) - CATCH_UP_MARGIN_MS);
    const rows = await this.store.named<{ TraceId: string }>('traces_received_since', { sinceMs });
    this.noteTraces(rows.map((row) => row.TraceId));
    return rows.length;
  }

  /** Assembles everything noted so far; resolves when it is stored. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    if (this.pending.size === 0) return;
    const traceIds = [...this.pending];
    this.pending = new Set();
    this.running = this.assemble(traceIds).finally(() => {
      this.running = undefined;
    });
    await this.running;
  }

  get stats(): { pendingTraces: number; assembledEpisodes: number; setAsideTraces: number; tracesInMemory: number; spansInMemory: number } {
    const memory = this.recent.stats;
    return {
      pendingTraces: this.pending.size,
      assembledEpisodes: this.assembledEpisodes,
      setAsideTraces: this.setAsideTraces,
      tracesInMemory: memory.traces,
      spansInMemory: memory.spans,
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private schedule(traceIds: Iterable<string>): void {
    for (const id of traceIds) this.pending.add(id);
    if (!this.timer && !this.stopped && this.pending.size > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, this.retryDelayMs || this.options.intervalMs);
    }
  }

  private async assemble(pendingIds: string[]): Promise<void> {
    // A trace not in memory left it unassembled: it waits for noteStored, as nothing could be built from it now.
    const traceIds = pendingIds.filter((id) => this.recent.has(id));
    try {
      await this.readBack(this.recent.needingReadBack(traceIds));
    } catch (error) {
      this.retryLater(traceIds, error);
      return;
    }
    await this.writeIsolated(traceIds);
    for (const id of this.recent.evict()) if (this.pending.has(id)) this.evictedUnassembled.add(id);
  }

  /**
   * Writes the traces' rows. When the store refuses them for a reason a retry cannot fix, the
   * traces are split in halves until the refused one stands alone; it is set aside with its
   * reason and the others are written.
   */
  private async writeIsolated(traceIds: string[]): Promise<void> {
    try {
      await this.writeAssembled(traceIds);
      if (this.retryDelayMs > 0) this.log.info('episode assembly works again', { traces: traceIds.length });
      this.retryDelayMs = 0;
    } catch (error) {
      if (!(error instanceof StoreError) || error.retryable) return this.retryLater(traceIds, error);
      if (traceIds.length === 1) return this.setAside(traceIds[0]!, error);
      const middle = Math.ceil(traceIds.length / 2);
      await this.writeIsolated(traceIds.slice(0, middle));
      await this.writeIsolated(traceIds.slice(middle));
    }
  }

  /**
   * Keeps the traces for a later pass: their spans are durable, so nothing is lost by waiting.
   * The wait doubles while the store refuses: every pass rebuilds every pending trace, so
   * retrying at the assembly interval through an outage spent the event loop on passes bound
   * to fail, and slowed the spool's drain once the store was back. Logged once per outage.
   */
  private retryLater(traceIds: string[], error: unknown): void {
    if (this.retryDelayMs === 0)
      this.log.warn('episode assembly failed; will retry with backoff', { traces: traceIds.length, error: String(error) });
    this.retryDelayMs = Math.min(Math.max(this.retryDelayMs, this.options.intervalMs) * 2, MAX_RETRY_DELAY_MS);
    this.schedule(traceIds);
  }

  private setAside(traceId: string, error: unknown): void {
    this.setAsideTraces += 1;
    this.log.warn('episode assembly set a trace aside: its rows cannot be written', {
      traceId,
      error: String(error).slice(0, 500),
    });
  }

  private async readBack(traceIds: string[]): Promise<void> {
    for (let start = 0; start < traceIds.length; start += READ_BACK_CHUNK) {
      const ids = traceIds.slice(start, start + READ_BACK_CHUNK);
      const spans = await this.store.named<StoredSpan>('trace_spans', { traceIds: ids });
      const keys = await this.store.named<{ EpisodeId: string; Agent: string; startNanos: string }>('episode_keys', { ids });
      for (const row of keys) this.recent.setEpisodeKey(row.EpisodeId, episodeKey(row.Agent, nanosToDateTime64(row.startNanos)));
      this.recent.mergeReadBack(spans, ids);
    }
  }

  private async writeAssembled(traceIds: string[]): Promise<void> {
    const assembledAt = nowMicrosText();
    const stamp = <T extends object>(row: T) => ({ ...row, AssembledAt: assembledAt });
    const episodes = [];
    const newKeys: Array<[string, string]> = [];
    const toolCalls = [];
    const llmCalls = [];
    const sources = [];
    const safetyFlags = [];
    const corrections = [];
    const writable: string[] = [];
    for (const id of traceIds) {
      let assembled;
      try {
        assembled = assembleTrace(this.recent.spansOf(id), this.options);
      } catch (error) {
        this.setAside(id, error);
        continue;
      }
      writable.push(id);
      if (assembled.episode) {
        const row = stamp({ ...assembled.episode, IsDeleted: 0 });
        const key = episodeKey(row.Agent, row.StartTime);
        const storedKey = this.recent.episodeKeyOf(id);
        // A new root moved the episode to another sort key: delete the row under the old one.
        if (storedKey !== undefined && storedKey !== key) episodes.push({ ...row, ...keyFields(storedKey), IsDeleted: 1 });
        episodes.push(row);
        newKeys.push([id, key]);
      }
      toolCalls.push(...assembled.toolCalls.map(stamp));
      llmCalls.push(...assembled.llmCalls.map(stamp));
      sources.push(...assembled.sources.map(stamp));
      safetyFlags.push(...assembled.safetyFlags.map(stamp));
      corrections.push(...assembled.corrections.map(stamp));
    }
    // Children before the episode row: a reader who sees the episode also sees its tools.
    await Promise.all([
      this.store.insert('tool_calls', toolCalls),
      this.store.insert('llm_calls', llmCalls),
      this.store.insert('episode_sources', sources),
      this.store.insert('safety_flags', safetyFlags),
      this.store.insert('corrections', corrections),
    ]);
    await this.store.insert('episodes', episodes);
    for (const [id, key] of newKeys) this.recent.setEpisodeKey(id, key);
    this.assembledEpisodes += newKeys.length;
    this.log.debug('episodes assembled', {
      traces: writable.length,
      episodes: episodes.length,
      toolCalls: toolCalls.length,
      llmCalls: llmCalls.length,
    });
  }
}

/**
 * An episode row's sort-key fields besides its id (Agent, StartTime), as one comparable string.
 * Traces this process assembled carry the key it last stored; traces read back get the store's.
 */
function episodeKey(agent: string, startTime: string): string {
  return `${startTime} ${agent}`;
}

function keyFields(key: string): { Agent: string; StartTime: string } {
  const space = key.indexOf(' ');
  return { StartTime: key.slice(0, space), Agent: key.slice(space + 1) };
}
