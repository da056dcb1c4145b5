import type { EpisodeAssembler } from '../episodes/EpisodeAssembler.ts';
import type { Logger } from '../log/logger.ts';
import { Spool } from '../spool/Spool.ts';
import { SpoolDrainer } from '../spool/SpoolDrainer.ts';
import type { SpoolFs } from '../spool/spoolFs.ts';
import type { Store } from '../store/Store.ts';
import { DirectSpanIngest } from './DirectSpanIngest.ts';
import type { SpanIngest } from './SpanIngest.ts';
import { SpooledSpanIngest } from './SpooledSpanIngest.ts';

export interface IngestPipeline {
  ingest: SpanIngest;
  /** Present when the spool is on. */
  spool?: Spool;
  drainer?: SpoolDrainer;
}

/** Segments close at 8 MiB or 200 ms: big enough for efficient inserts, soon enough for fresh episodes. */
const SEGMENT_BYTES = 8 * 1024 * 1024;
const SEGMENT_MAX_AGE_MS = 200;

/**
 * Inserts of 64k rows cost the engine a quarter less per row than 16k-row ones, and a pass of up to
 * 64 MiB of segments (about 130k spans) gathers a backlog into few, large inserts.
 */
const DRAINER_OPTIONS = { rowsPerInsert: 65_536, bytesPerPass: 64 * 1024 * 1024, minBackoffMs: 100, maxBackoffMs: 5_000 };

/** The spooled pipeline (default), or direct inserts when the spool is off. Starts draining leftovers at once. */
export function createSpanIngest(
  config: { spool: { enabled: boolean; dir: string; maxBytes: number } },
  store: Store,
  assembler: EpisodeAssembler,
  log: Logger,
  spoolFs?: SpoolFs,
): IngestPipeline {
  if (!config.spool.enabled) return { ingest: new DirectSpanIngest(store, assembler) };
  const spool = new Spool({
    dir: config.spool.dir,
    maxBytes: config.spool.maxBytes,
    segmentBytes: SEGMENT_BYTES,
    segmentMaxAgeMs: SEGMENT_MAX_AGE_MS,
    fs: spoolFs,
  });
  // Spans replayed from an earlier run reached no assembler: it reads those traces back from the store.
  // Others it holds in memory, unless a long outage pushed them out before their episode was written.
  const onStored = (traceIds: ReadonlySet<string>, segment: { replayed: boolean }) => {
    if (segment.replayed) assembler.noteTraces(traceIds);
    else assembler.noteStored(traceIds);
  };
  const drainer = new SpoolDrainer(spool, store, { ...DRAINER_OPTIONS, onStored }, log);
  drainer.start();
  return { ingest: new SpooledSpanIngest(spool, drainer, assembler), spool, drainer };
}
