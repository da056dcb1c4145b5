import { trace } from '@opentelemetry/api';
import type { Attributes } from '@opentelemetry/api';
import { TRUMPETS } from '@trumpets/protocol/conventions';
import { guard } from './internal/guard.ts';

/** Something the agent read while working: a document, a record, a policy. */
export interface Source {
  /** Stable id of what was read, e.g. a document or record id (`trumpets.source.id`). */
  id: string;
  /** Where it lives (`trumpets.source.uri`). Default: not set. */
  uri?: string;
  /** A kind or label to group sources by, e.g. `policy` (`trumpets.source.tag`). Default: not set. */
  tag?: string;
  /** Retrieval relevance score (`trumpets.source.score`). Default: not set. */
  score?: number;
}

/**
 * Notes that the current episode read a source, as a `trumpets.source` event on the active span.
 * Outside any span it does nothing; it never throws.
 */
export function recordSource(source: Source): void {
  guard('recording a source', () => {
    const span = trace.getActiveSpan();
    if (span === undefined) return;
    const attributes: Attributes = { [TRUMPETS.SOURCE_ID]: source.id };
    if (source.uri !== undefined) attributes[TRUMPETS.SOURCE_URI] = source.uri;
    if (source.tag !== undefined) attributes[TRUMPETS.SOURCE_TAG] = source.tag;
    if (source.score !== undefined) attributes[TRUMPETS.SOURCE_SCORE] = source.score;
    span.addEvent(TRUMPETS.SOURCE_EVENT, attributes);
  });
}
