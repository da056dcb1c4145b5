import type { MetricScore, MetricVerdict, ProposalState, ProposalSummary, Verdict } from '@trumpets/protocol/api';
import type { Store } from '../store/Store.ts';
import type { ProposalRow } from './proposalRepository.ts';
import { isoFromMs } from '../shared/clock.ts';

interface ListRow extends ProposalRow {
  DecisionId: string;
  Verdict: string;
  Enforced: boolean;
  Metrics: string;
  decidedMs: string;
}

/** Per metric, what a scorecard row shows: the verdict, the effect and its interval. */
function metricScore(metric: MetricVerdict): MetricScore {
  const effect = 'estimate' in metric.comparison ? metric.comparison : undefined;
  return {
    metric: metric.metric,
    verdict: metric.verdict,
    decides: metric.decides,
    estimate: effect?.estimate ?? null,
    interval: effect?.interval ?? null,
    unit: effect?.unit ?? null,
    sentence: metric.sentence,
  };
}

/** Proposals with their state and latest scores and verdicts, newest first: the Grafana scorecard's rows. */
export async function listProposals(store: Store, filter: { agent: string; state: string; limit: number }): Promise<ProposalSummary[]> {
  const rows = await store.named<ListRow>('proposal_list', filter);
  return rows.map((row) => ({
    id: row.ProposalId,
    agent: row.Agent,
    state: (row.State || 'draft') as ProposalState,
    target:
      row.TargetKind === 'benchmark_case'
        ? { kind: 'benchmark_case', setId: row.BenchmarkSetId }
        : { kind: 'config', path: row.TargetPath },
    baselineVersion: row.BaselineVersion || null,
    candidateVersion: row.CandidateVersion || null,
    rationale: row.Rationale,
    author: { kind: row.AuthorKind as 'person' | 'agent', name: row.Author },
    failureClusterId: row.FailureClusterId || null,
    createdAt: isoFromMs(row.createdMs),
    updatedAt: isoFromMs(row.updatedMs),
    latestDecision: row.DecisionId
      ? {
          id: row.DecisionId,
          verdict: row.Verdict as Verdict,
          enforced: Boolean(row.Enforced),
          decidedAt: isoFromMs(row.decidedMs),
          metrics: (JSON.parse(row.Metrics) as MetricVerdict[]).map(metricScore),
        }
      : null,
  }));
}
