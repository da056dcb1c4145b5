import type { EpisodeAssembler } from '../episodes/EpisodeAssembler.ts';
import type { DecodedSpan } from '../otlp/types.ts';
import { encodeSpanBatch, spanRowsByDay } from '../spool/spanBatchPayload.ts';
import type { Spool } from '../spool/Spool.ts';
import type { SpoolDrainer } from '../spool/SpoolDrainer.ts';
import { uniqueTraceIds, type SpanIngest } from './SpanIngest.ts';

/**
 * The default: a request is acknowledged once its rows are fsync'd into the spool; the drainer
 * stores them in large batches in the background, through store outages. Episodes are assembled
 * from the acknowledged spans right away; they do not wait for the drain.
 */
export class SpooledSpanIngest implements SpanIngest {
  constructor(
    private readonly spool: Spool,
    private readonly drainer: SpoolDrainer,
    private readonly assembler: EpisodeAssembler,
  ) {}

  async ingest(spans: readonly DecodedSpan[]): Promise<void> {
    if (spans.length === 0) return;
    await this.spool.append(encodeSpanBatch(uniqueTraceIds(spans), spanRowsByDay(spans)));
    this.assembler.addSpans(spans);
  }

  stop(): Promise<void> {
    return this.drainer.stop();
  }
}
