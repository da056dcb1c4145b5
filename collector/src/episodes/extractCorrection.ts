import { TRUMPETS } from '@trumpets/protocol/conventions';
import { nanosToDateTime64 } from '../spans/nanos.ts';
import type { StoredSpan } from './storedSpan.ts';
import { truncate } from './truncate.ts';

export interface CorrectionRow {
  CorrectionId: string;
  EpisodeId: string;
  CorrectedOutput: string;
  Reason: string;
  Author: string;
  CreatedAt: string;
}

/** A human correction: a span naming the episode it corrects, sent later, from any process. */
export function extractCorrection(span: StoredSpan, maxTextChars: number): CorrectionRow | undefined {
  const episodeId = span.SpanAttributes[TRUMPETS.CORRECTION_EPISODE_ID];
  if (!episodeId) return undefined;
  return {
    CorrectionId: `${span.TraceId}:${span.SpanId}`,
    EpisodeId: episodeId,
    CorrectedOutput: truncate(span.SpanAttributes[TRUMPETS.CORRECTION_OUTPUT] ?? '', maxTextChars).text,
    Reason: truncate(span.SpanAttributes[TRUMPETS.CORRECTION_REASON] ?? '', maxTextChars).text,
    Author: span.SpanAttributes[TRUMPETS.CORRECTION_AUTHOR] ?? '',
    CreatedAt: nanosToDateTime64(span.StartTimeUnixNano),
  };
}
