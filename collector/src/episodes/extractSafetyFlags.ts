import { TRUMPETS } from '@trumpets/protocol/conventions';
import { nanosToDateTime64 } from '../spans/nanos.ts';
import type { StoredSpan } from './storedSpan.ts';
import { truncate } from './truncate.ts';

/** One row of `safety_flags`: a `trumpets.safety.flag` event of an episode's span. */
export interface SafetyFlagRow {
  EpisodeId: string;
  SpanId: string;
  Kind: string;
  Detail: string;
  FlaggedAt: string;
}

/** The safety flags one span raised, each an event with a kind and a detail. */
export function extractSafetyFlags(episodeId: string, span: StoredSpan, maxTextChars: number): SafetyFlagRow[] {
  const flags: SafetyFlagRow[] = [];
  span.EventNames.forEach((name, index) => {
    if (name !== TRUMPETS.SAFETY_FLAG_EVENT) return;
    const attributes = span.EventAttributes[index] ?? {};
    flags.push({
      EpisodeId: episodeId,
      SpanId: span.SpanId,
      Kind: attributes[TRUMPETS.SAFETY_KIND] ?? '',
      Detail: truncate(attributes[TRUMPETS.SAFETY_DETAIL] ?? '', maxTextChars).text,
      FlaggedAt: nanosToDateTime64(span.EventTimesUnixNano[index] ?? span.StartTimeUnixNano),
    });
  });
  return flags;
}
