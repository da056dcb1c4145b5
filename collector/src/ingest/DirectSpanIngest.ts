import type { EpisodeAssembler } from '../episodes/EpisodeAssembler.ts';
import { SPAN_COLUMNS } from '../spans/spanRows.ts';
import type { DecodedSpan } from '../otlp/types.ts';
import { spanRowsByDay } from '../spool/spanBatchPayload.ts';
import type { Store } from '../store/Store.ts';
import { CoalescingInserter } from './CoalescingInserter.ts';
import type { SpanIngest } from './SpanIngest.ts';

/** Requests' rows per insert: about 64k spans at the 512 spans a batch processor sends. */
const WRITES_PER_INSERT = 128;

/**
 * Without the spool (TRUMPETS_SPOOL=off): each request waits for its rows to be inserted into the
 * store. Simpler, but acknowledgement then costs a store round trip and an outage means 503s.
 */
export class DirectSpanIngest implements SpanIngest {
  /** RowBinary rows: one day's rows of one request as a write. */
  private readonly spans: CoalescingInserter<Buffer>;

  constructor(
    store: Store,
    private readonly assembler: EpisodeAssembler,
  ) {
    this.spans = new CoalescingInserter((chunks) => store.insertRowBinary('spans', SPAN_COLUMNS, Buffer.concat(chunks)), WRITES_PER_INSERT);
  }

  async ingest(spans: readonly DecodedSpan[]): Promise<void> {
    if (spans.length === 0) return;
    // One write per start day (the spans table's partition), so a coalesced insert touches one.
    await Promise.all(spanRowsByDay(spans).map((group) => this.spans.write([group.data], group.day)));
    this.assembler.addSpans(spans);
  }

  async stop(): Promise<void> {}
}
