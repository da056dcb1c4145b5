import type { Store } from '../../store/Store.ts';
import { episodeInput, tagsFromList, withCaseId, type BenchmarkCase, type CaseFields } from './benchmarkCase.ts';
import type { DrawRule, ManualCase } from '@trumpets/protocol/api';

interface EpisodeCaseRow {
  EpisodeId: string;
  Input: string;
  Output: string;
  Outcome: string;
  Workflow: string;
  TagList: string;
}

/** What one rule asked for and found: stored with the set, so a reviewer sees why it is this size. */
export interface DrawReport {
  rule: DrawRule;
  found: number;
}

/** Cases drawn from stored episodes by each rule, in rule order. */
export async function drawCases(
  store: Store,
  agent: string,
  rules: readonly DrawRule[],
  fromMs: number,
): Promise<{ cases: BenchmarkCase[]; report: DrawReport[] }> {
  const cases: BenchmarkCase[] = [];
  const report: DrawReport[] = [];
  for (const rule of rules) {
    const drawn = await drawRule(store, agent, rule, fromMs);
    cases.push(...drawn);
    report.push({ rule, found: drawn.length });
  }
  return { cases, report };
}

async function drawRule(store: Store, agent: string, rule: DrawRule, fromMs: number): Promise<BenchmarkCase[]> {
  const base = { agent, fromMs };
  switch (rule.kind) {
    case 'successes': {
      const rows = await store.named<EpisodeCaseRow>('benchmark_draw_successes', {
        ...base,
        workflow: rule.workflow ?? '',
        limit: rule.count,
      });
      return rows.map((row) => fromEpisode(row, 'successes', { reference: row.Output, referenceKind: 'observed' }));
    }
    case 'tagged': {
      const rows = await store.named<EpisodeCaseRow>('benchmark_draw_tagged', { ...base, tags: rule.tags, limit: rule.count });
      return rows.map((row) =>
        fromEpisode(row, 'tagged', row.Outcome === 'success' ? { reference: row.Output, referenceKind: 'observed' } : {}),
      );
    }
    case 'corrected': {
      const rows = await store.named<EpisodeCaseRow>('benchmark_draw_corrected', { ...base, limit: rule.count });
      return rows.map((row) => fromEpisode(row, 'corrected', { reference: row.Output, referenceKind: 'corrected' }));
    }
    case 'failure_clusters': {
      const drawn: BenchmarkCase[] = [];
      for (const clusterId of rule.clusterIds) {
        const rows = await store.named<EpisodeCaseRow>('benchmark_draw_cluster_members', {
          ...base,
          clusterId,
          limit: rule.perCluster,
        });
        drawn.push(...rows.map((row) => fromEpisode(row, 'failure_cluster', { failureClusterId: clusterId })));
      }
      return drawn;
    }
  }
}

function fromEpisode(
  row: EpisodeCaseRow,
  origin: CaseFields['origin'],
  extra: { reference?: string; referenceKind?: 'observed' | 'corrected'; failureClusterId?: string },
): BenchmarkCase {
  return withCaseId({
    input: episodeInput(row.Input),
    reference: extra.reference ?? null,
    referenceKind: extra.referenceKind ?? null,
    tags: tagsFromList(row.TagList),
    workflow: row.Workflow,
    origin,
    sourceEpisodeId: row.EpisodeId,
    failureClusterId: extra.failureClusterId ?? null,
  });
}

export function manualCase(given: ManualCase, origin: 'manual' | 'proposal' = 'manual'): BenchmarkCase {
  return withCaseId({
    input: given.input,
    reference: given.reference ?? null,
    referenceKind: given.reference === undefined ? null : 'manual',
    tags: given.tags,
    workflow: given.workflow,
    origin,
    sourceEpisodeId: null,
    failureClusterId: null,
  });
}

/** The first case of each id wins: the same episode drawn by two rules is one case. */
export function distinctCases(cases: readonly BenchmarkCase[]): BenchmarkCase[] {
  const byId = new Map<string, BenchmarkCase>();
  for (const benchmarkCase of cases) if (!byId.has(benchmarkCase.caseId)) byId.set(benchmarkCase.caseId, benchmarkCase);
  return [...byId.values()];
}
