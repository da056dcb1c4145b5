import type { Logger } from '../log/logger.ts';
import { loadQuery } from '../queries.ts';
import type { Store } from '../store/Store.ts';
import { assembleTrace, type AssemblyOptions } from './assembleTrace.ts';
import type { StoredSpan } from './storedSpan.ts';

export interface EpisodeAssemblerOptions extends AssemblyOptions {
  /** How long to gather touched traces before a pass, in ms. */
  intervalMs: number;
  /** Traces read per query. */
  tracesPerPass?: number;
}

/** After a restart, traces received this long before the newest assembly are assembled again. */
const CATCH_UP_MARGIN_MS = 5 * 60 * 1000;

/**
 * Turns stored spans into episodes, continuously. Ingest tells it which traces were touched; every
 * interval it reads back all spans of those traces and rewrites their rows. Reading back from the
 * store (not from the request) is what makes split, out-of-order and repeated delivery come out
 * right: the rows always reflect every span stored so far.
 */
export class EpisodeAssembler {
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private assembledEpisodes = 0;

  constructor(
    private readonly store: Store,
    private readonly options: EpisodeAssemblerOptions,
    private readonly log: Logger,
  ) {}

  /** Marks traces as touched; a pass follows within the interval. */
  noteTraces(traceIds: Iterable<string>): void {
    for (const id of traceIds) this.pending.add(id);
    if (!this.timer && !this.stopped && this.pending.size > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, this.options.intervalMs);
    }
  }

  /** Queues the traces received shortly before the last assembly, in case a crash cut a pass short. */
  async catchUp(): Promise<number> {
    const [last] = await this.store.query<{ lastAssembledMs: string }>(loadQuery('last_assembly'));
    const sinceMs = Math.max(0, Number(last?.lastAssembledMs ?? 0) - CATCH_UP_MARGIN_MS);
    const rows = await this.store.query<{ TraceId: string }>(loadQuery('traces_received_since'), { sinceMs });
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

  get stats(): { pendingTraces: number; assembledEpisodes: number } {
    return { pendingTraces: this.pending.size, assembledEpisodes: this.assembledEpisodes };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private async assemble(traceIds: string[]): Promise<void> {
    const chunk = this.options.tracesPerPass ?? 5000;
    for (let start = 0; start < traceIds.length; start += chunk) {
      const ids = traceIds.slice(start, start + chunk);
      try {
        await this.assembleChunk(ids);
      } catch (error) {
        // Keep the traces for the next pass: spans are stored, so nothing is lost by waiting.
        for (const id of traceIds.slice(start)) this.pending.add(id);
        this.log.warn('episode assembly failed; will retry', { traces: traceIds.length - start, error: String(error) });
        this.noteTraces([]);
        return;
      }
    }
  }

  private async assembleChunk(traceIds: string[]): Promise<void> {
    const spans = await this.store.query<StoredSpan>(loadQuery('trace_spans'), { traceIds });
    const byTrace = new Map<string, StoredSpan[]>();
    for (const span of spans) {
      const list = byTrace.get(span.TraceId);
      if (list) list.push(span);
      else byTrace.set(span.TraceId, [span]);
    }
    const assembledAt = nowDateTime64();
    const stamp = <T extends object>(row: T) => ({ ...row, AssembledAt: assembledAt });
    const episodes = [];
    const toolCalls = [];
    const sources = [];
    const corrections = [];
    for (const traceSpans of byTrace.values()) {
      const assembled = assembleTrace(traceSpans, this.options);
      if (assembled.episode) episodes.push(stamp(assembled.episode));
      toolCalls.push(...assembled.toolCalls.map(stamp));
      sources.push(...assembled.sources.map(stamp));
      corrections.push(...assembled.corrections.map(stamp));
    }
    // Children before the episode row: a reader who sees the episode also sees its tools.
    await Promise.all([
      this.store.insert('tool_calls', toolCalls),
      this.store.insert('episode_sources', sources),
      this.store.insert('corrections', corrections),
    ]);
    await this.store.insert('episodes', episodes);
    this.assembledEpisodes += episodes.length;
    this.log.debug('episodes assembled', { traces: byTrace.size, episodes: episodes.length, toolCalls: toolCalls.length });
  }
}

let lastMicros = 0;

/**
 * Wall-clock microseconds as DateTime64(6) text: the version column of every derived row.
 * Strictly increasing within the process, so a later pass always replaces an earlier one.
 */
function nowDateTime64(): string {
  lastMicros = Math.max(lastMicros + 1, Date.now() * 1000);
  const text = String(lastMicros);
  return `${text.slice(0, -6)}.${text.slice(-6)}`;
}
