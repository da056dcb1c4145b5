import type { BenchmarkCase, CaseOrigin } from '@trumpets/protocol/api';
import { canonicalJson, contentVersion, type Json } from '../../shared/canonicalJson.ts';

export type { BenchmarkCase };

export type CaseFields = Omit<BenchmarkCase, 'caseId'>;

export function withCaseId(fields: CaseFields): BenchmarkCase {
  const caseId = contentVersion({ input: fields.input, reference: fields.reference }).slice(0, 16);
  return { caseId, ...fields };
}

/** The row `benchmark_cases` stores. */
export function caseRow(setId: string, version: number, benchmarkCase: BenchmarkCase) {
  return {
    SetId: setId,
    Version: version,
    CaseId: benchmarkCase.caseId,
    Input: canonicalJson(benchmarkCase.input),
    Reference: benchmarkCase.reference === null ? '' : canonicalJson(benchmarkCase.reference),
    ReferenceKind: benchmarkCase.referenceKind ?? '',
    Tags: benchmarkCase.tags,
    Workflow: benchmarkCase.workflow,
    Origin: benchmarkCase.origin,
    SourceEpisodeId: benchmarkCase.sourceEpisodeId ?? '',
    FailureClusterId: benchmarkCase.failureClusterId ?? '',
  };
}

export interface CaseRow {
  CaseId: string;
  Input: string;
  Reference: string;
  ReferenceKind: string;
  Tags: string[];
  Workflow: string;
  Origin: string;
  SourceEpisodeId: string;
  FailureClusterId: string;
}

export function caseFromRow(row: CaseRow): BenchmarkCase {
  return {
    caseId: row.CaseId,
    input: JSON.parse(row.Input) as Json,
    reference: row.Reference === '' ? null : (JSON.parse(row.Reference) as Json),
    referenceKind: (row.ReferenceKind || null) as BenchmarkCase['referenceKind'],
    tags: row.Tags,
    workflow: row.Workflow,
    origin: row.Origin as CaseOrigin,
    sourceEpisodeId: row.SourceEpisodeId || null,
    failureClusterId: row.FailureClusterId || null,
  };
}

/**
 * An episode's recorded input as a case input. The tracer stores non-string inputs as JSON, so text
 * that is a JSON object or array is given back as one; anything else stays the text it was.
 */
export function episodeInput(text: string): Json {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(text) as Json;
    } catch {
      return text;
    }
  }
  return text;
}

const TAG = /^[a-z0-9][a-z0-9_-]{0,49}$/;

/** `trumpets.episode.tags` ("edge, high-risk") → ["edge", "high-risk"]; malformed tags are dropped. */
export function tagsFromList(list: string): string[] {
  return [
    ...new Set(
      list
        .split(',')
        .map((tag) => tag.trim().toLowerCase())
        .filter((tag) => TAG.test(tag)),
    ),
  ];
}
