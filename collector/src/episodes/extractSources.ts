import { GEN_AI, TRUMPETS } from '@trumpets/protocol/conventions';
import { nanosToDateTime64 } from '../spans/nanos.ts';
import { roleOf } from './frameworks/readSpan.ts';
import type { StoredSpan } from './storedSpan.ts';

export interface SourceRow {
  EpisodeId: string;
  SourceId: string;
  SpanId: string;
  Uri: string;
  Tag: string;
  Score: number | null;
  Origin: 'event' | 'retrieval';
  ReadAt: string;
}

const OPENINFERENCE_DOCUMENT = /^retrieval\.documents\.(\d+)\.document\.(id|score)$/;

/** What one span says the episode read: `trumpets.source` events and retrieval documents. */
export function extractSources(episodeId: string, span: StoredSpan): SourceRow[] {
  const rows: SourceRow[] = [];
  span.EventNames.forEach((name, index) => {
    const attributes = span.EventAttributes[index];
    const id = attributes?.[TRUMPETS.SOURCE_ID];
    if (name !== TRUMPETS.SOURCE_EVENT || !attributes || !id) return;
    rows.push({
      EpisodeId: episodeId,
      SourceId: id,
      SpanId: span.SpanId,
      Uri: attributes[TRUMPETS.SOURCE_URI] ?? '',
      Tag: attributes[TRUMPETS.SOURCE_TAG] ?? '',
      Score: toScore(attributes[TRUMPETS.SOURCE_SCORE]),
      Origin: 'event',
      ReadAt: nanosToDateTime64(span.EventTimesUnixNano[index] ?? span.StartTimeUnixNano),
    });
  });
  if (roleOf(span) === 'retrieval') {
    const tag = span.SpanAttributes[GEN_AI.DATA_SOURCE_ID] ?? '';
    for (const document of retrievalDocuments(span)) {
      rows.push({
        EpisodeId: episodeId,
        SourceId: document.id,
        SpanId: span.SpanId,
        Uri: '',
        Tag: tag,
        Score: document.score,
        Origin: 'retrieval',
        ReadAt: nanosToDateTime64(span.StartTimeUnixNano),
      });
    }
  }
  return rows;
}

/** Documents as `gen_ai.retrieval.documents` (JSON list of {id, score}) or OpenInference's flattened names. */
function retrievalDocuments(span: StoredSpan): Array<{ id: string; score: number | null }> {
  const semconv = span.SpanAttributes[GEN_AI.RETRIEVAL_DOCUMENTS];
  if (semconv !== undefined) {
    try {
      const parsed: unknown = JSON.parse(semconv);
      if (Array.isArray(parsed)) {
        return parsed.flatMap((doc: { id?: unknown; score?: unknown }) =>
          doc && (typeof doc.id === 'string' || typeof doc.id === 'number') ? [{ id: String(doc.id), score: toScore(doc.score) }] : [],
        );
      }
    } catch {
      // A malformed list is the sender's problem; the episode still assembles without it.
    }
    return [];
  }
  const byIndex = new Map<number, { id?: string; score: number | null }>();
  for (const [key, value] of Object.entries(span.SpanAttributes)) {
    const match = key.startsWith('retrieval.') ? OPENINFERENCE_DOCUMENT.exec(key) : null;
    if (!match) continue;
    const entry = byIndex.get(Number(match[1])) ?? { score: null };
    if (match[2] === 'id') entry.id = value;
    else entry.score = toScore(value);
    byIndex.set(Number(match[1]), entry);
  }
  return [...byIndex.values()].flatMap((doc) => (doc.id ? [{ id: doc.id, score: doc.score }] : []));
}

function toScore(value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null;
  const score = Number(value);
  return Number.isFinite(score) ? score : null;
}
