import type { EpisodeAssembler } from '../episodes/EpisodeAssembler.ts';
import { SPAN_COLUMNS, spanRowJson } from '../spans/spanRows.ts';
import type { DecodedSpan } from '../otlp/types.ts';
import { startDay } from '../spool/spanBatchPayload.ts';
import type { Store } from '../store/Store.ts';
import { CoalescingInserter } from './CoalescingInserter.ts';
import type { SpanIngest } from './SpanIngest.ts';

/**
 * Without the spool (TRUMPETS_SPOOL=off): each request waits for its rows to be inserted into the
 * store. Simpler, but acknowledgement then costs a store round trip and an outage means 503s.
 */
export class DirectSpanIngest implements SpanIngest {
  /** JSONCompactEachRow lines, one per span. */
  private readonly spans: CoalescingInserter<string>;

  constructor(
    store: Store,
    private readonly assembler: EpisodeAssembler,
  ) {
    this.spans = new CoalescingInserter((lines) => store.insertJsonCompact('spans', SPAN_COLUMNS, Buffer.from(lines.join(''))));
  }

  async ingest(spans: readonly DecodedSpan[]): Promise<void> {
    if (spans.length === 0) return;
    // One write per start day (the spans table's partition), so a coalesced insert touches one.
    const linesByDay = new Map<number, string[]>();
    for (const span of spans) {
      const day = startDay(span.startTimeUnixNano);
      const lines = linesByDay.get(day) ?? [];
      linesByDay.set(day, lines);
      lines.push(`${spanRowJson(span)}\n`);
    }
    await Promise.all([...linesByDay].map(([day, lines]) => this.spans.write(lines, day)));
    this.assembler.addSpans(spans);
  }

  async stop(): Promise<void> {}
}
