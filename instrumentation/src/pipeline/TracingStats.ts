/** Counts a running setup() keeps, so a program (or a test) can see what the tracer did with its spans. */
export interface TracingStats {
  /** Spans the exporter delivered. */
  exportedSpans: number;
  /** Spans the exporter could not deliver (collector unreachable or refusing). */
  failedSpans: number;
  /** Spans dropped because the export queue or the episode buffer was full. */
  droppedSpans: number;
  /** Spans waiting in the export queue now; never more than `maxQueueSize`. */
  queuedSpans: number;
  /** Spans of episodes still running, held until their sampling decision; plus sampled-out episodes held for late corrections. */
  bufferedSpans: number;
  /** Successful episodes left out by sampling (and not kept later by a correction or safety flag). */
  sampledOutEpisodes: number;
}

export function emptyStats(): TracingStats {
  return { exportedSpans: 0, failedSpans: 0, droppedSpans: 0, queuedSpans: 0, bufferedSpans: 0, sampledOutEpisodes: 0 };
}
