import type { DecodedSpan } from '../otlp/types.ts';

/**
 * Where decoded spans go. `ingest` resolves only once the spans are durable (in the spool, or in
 * the store when the spool is off): that is when the collector may answer 200.
 */
export interface SpanIngest {
  ingest(spans: readonly DecodedSpan[]): Promise<void>;
  /** Stores whatever is still in flight, then stops. */
  stop(): Promise<void>;
}

export function uniqueTraceIds(spans: readonly DecodedSpan[]): string[] {
  const ids = new Set<string>();
  for (const span of spans) ids.add(span.traceId);
  return [...ids];
}
