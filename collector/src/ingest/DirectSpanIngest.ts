import type { EpisodeAssembler } from '../episodes/EpisodeAssembler.ts';
import { toSpanRow, type SpanRow } from '../episodes/toSpanRow.ts';
import type { DecodedSpan } from '../otlp/types.ts';
import type { Store } from '../store/Store.ts';
import { CoalescingInserter } from './CoalescingInserter.ts';
import type { SpanIngest } from './SpanIngest.ts';

/**
 * Without the spool (TRUMPETS_SPOOL=off): each request waits for its rows to be inserted into the
 * store. Simpler, but acknowledgement then costs a store round trip and an outage means 503s.
 */
export class DirectSpanIngest implements SpanIngest {
  private readonly spans: CoalescingInserter<SpanRow>;

  constructor(
    store: Store,
    private readonly assembler: EpisodeAssembler,
  ) {
    this.spans = new CoalescingInserter(store, 'spans');
  }

  async ingest(spans: readonly DecodedSpan[]): Promise<void> {
    if (spans.length === 0) return;
    await this.spans.write(spans.map(toSpanRow));
    this.assembler.addSpans(spans);
  }

  async stop(): Promise<void> {}
}
