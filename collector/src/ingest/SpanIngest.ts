import type { EpisodeAssembler } from '../episodes/EpisodeAssembler.ts';
import { toSpanRow, type SpanRow } from '../episodes/toSpanRow.ts';
import type { DecodedSpan } from '../otlp/types.ts';
import type { Store } from '../store/Store.ts';
import { CoalescingInserter } from './CoalescingInserter.ts';

/**
 * Where decoded spans go: written to `spans` (resolving only once they are stored), then handed
 * to the episode assembler by trace.
 */
export class SpanIngest {
  private readonly spans: CoalescingInserter<SpanRow>;
  private storedSpans = 0;

  constructor(
    store: Store,
    private readonly assembler: EpisodeAssembler,
  ) {
    this.spans = new CoalescingInserter(store, 'spans');
  }

  async ingest(spans: readonly DecodedSpan[]): Promise<void> {
    if (spans.length === 0) return;
    await this.spans.write(spans.map(toSpanRow));
    this.storedSpans += spans.length;
    const traceIds = new Set<string>();
    for (const span of spans) traceIds.add(span.traceId);
    this.assembler.noteTraces(traceIds);
  }

  get stats(): { storedSpans: number } {
    return { storedSpans: this.storedSpans };
  }
}
