import { createDataFrame, FieldType, type DataFrame, type FieldConfig } from '@grafana/data';
import type {
  EpisodeMetricsPoint,
  EpisodeMetricsResponse,
  FailureModeSummary as FailureMode,
  GateDecision,
  MetricComparison,
  ProposalSummary as Proposal,
  Regression,
  Release,
} from '@trumpets/protocol/api';
import type { Metric } from './types';

type Column = { name: string; type: FieldType; values: unknown[]; config?: FieldConfig };
const column = (name: string, type: FieldType, values: unknown[], config?: FieldConfig): Column => ({ name, type, values, config });
const time = (name: string, values: string[]) =>
  column(
    name,
    FieldType.time,
    values.map((value) => Date.parse(value)),
  );

/** Where each metric is in a point, and its Grafana unit. */
const METRIC_FIELDS: Record<Metric, { key: keyof EpisodeMetricsPoint; unit: string }> = {
  success_rate: { key: 'successRate', unit: 'percentunit' },
  escalation_rate: { key: 'escalationRate', unit: 'percentunit' },
  latency_p50: { key: 'latencyP50Ms', unit: 'ms' },
  latency_p95: { key: 'latencyP95Ms', unit: 'ms' },
  cost_per_episode: { key: 'costPerEpisodeUsd', unit: 'currencyUSD' },
  tokens_per_episode: { key: 'tokensPerEpisode', unit: 'short' },
  episodes: { key: 'episodes', unit: 'short' },
};

/** One time series frame per group, its value field labelled (`agent=support`) so legends and overrides work. */
export function metricsToFrames(refId: string, metric: Metric, response: EpisodeMetricsResponse): DataFrame[] {
  const { key, unit } = METRIC_FIELDS[metric];
  const groupBy = response.groupBy === 'none' ? '' : response.groupBy;
  return response.series.map((series) => {
    const labels = groupBy ? { [groupBy]: series.group || '(none)' } : undefined;
    return createDataFrame({
      refId,
      name: labels ? `${groupBy}=${labels[groupBy]}` : metric,
      fields: [
        column(
          'Time',
          FieldType.time,
          series.points.map((point) => point.time),
        ),
        {
          ...column(
            metric,
            FieldType.number,
            series.points.map((point) => point[key]),
            { unit, interval: response.intervalMs },
          ),
          labels,
        },
      ],
    });
  });
}

function table(refId: string, name: string, columns: Column[], custom?: Record<string, unknown>): DataFrame {
  return createDataFrame({ refId, name, fields: columns, meta: custom ? { custom } : undefined });
}

/**
 * A regression's effect in the units people read: rate differences as points, log ratios
 * (latency, cost) as percent change.
 */
export function regressionInUnits(metric: string, value: number): number {
  return metric === 'latency' || metric === 'cost' ? (Math.exp(value) - 1) * 100 : value * 100;
}

export function regressionsToFrame(refId: string, regressions: Regression[]): DataFrame {
  const pick = <K extends keyof Regression>(key: K) => regressions.map((row) => row[key]);
  const scaled = (value: (row: Regression) => number) => regressions.map((row) => regressionInUnits(row.metric, value(row)));
  return table(refId, 'regressions', [
    column('id', FieldType.string, pick('id')),
    column('agent', FieldType.string, pick('agent')),
    column('release', FieldType.string, pick('releaseId')),
    column('control release', FieldType.string, pick('controlReleaseId')),
    column('stage', FieldType.number, pick('percent'), { unit: 'percent' }),
    column('metric', FieldType.string, pick('metric')),
    column(
      'effect',
      FieldType.number,
      scaled((row) => row.effect),
    ),
    column(
      'low',
      FieldType.number,
      scaled((row) => row.interval.lower),
    ),
    column(
      'high',
      FieldType.number,
      scaled((row) => row.interval.upper),
    ),
    column(
      'unit',
      FieldType.string,
      regressions.map((row) => (row.metric === 'latency' || row.metric === 'cost' ? 'percent' : 'points')),
    ),
    column(
      'test',
      FieldType.string,
      regressions.map((row) => `always-valid mixture SPRT, e-value ${row.eValue.toFixed(1)} ≥ 1/α = ${Math.round(1 / row.alpha)}`),
    ),
    column('summary', FieldType.string, pick('summary')),
    column('canary episodes', FieldType.number, pick('candidateEpisodes')),
    column('control episodes', FieldType.number, pick('controlEpisodes')),
    time('detected', pick('detectedAt')),
  ]);
}

export function failureModesToFrame(refId: string, modes: FailureMode[]): DataFrame {
  const pick = <K extends keyof FailureMode>(key: K) => modes.map((row) => row[key]);
  return table(refId, 'failure modes', [
    column('id', FieldType.string, pick('id')),
    column('failure mode', FieldType.string, pick('label')),
    column('status', FieldType.string, pick('status')),
    column('failures', FieldType.number, pick('failures')),
    column('recent', FieldType.number, pick('recentFailures')),
    column('previous', FieldType.number, pick('previousFailures')),
    column('category', FieldType.string, pick('category')),
    column('tool', FieldType.string, pick('tool')),
    column(
      'agents',
      FieldType.string,
      modes.map((row) => row.agents.join(', ')),
    ),
    time('last seen', pick('lastSeen')),
  ]);
}

export function proposalsToFrame(refId: string, proposals: Proposal[]): DataFrame {
  const pick = <K extends keyof Proposal>(key: K) => proposals.map((row) => row[key]);
  return table(refId, 'proposals', [
    column('id', FieldType.string, pick('id')),
    column('agent', FieldType.string, pick('agent')),
    column('state', FieldType.string, pick('state')),
    column(
      'target',
      FieldType.string,
      proposals.map((row) => (row.target.kind === 'config' ? row.target.path : `benchmark set ${row.target.setId}`)),
    ),
    column('rationale', FieldType.string, pick('rationale')),
    column(
      'author',
      FieldType.string,
      proposals.map((row) => row.author.name),
    ),
    time('created', pick('createdAt')),
    time('updated', pick('updatedAt')),
  ]);
}

export function releasesToFrame(refId: string, releases: Release[]): DataFrame {
  const pick = <K extends keyof Release>(key: K) => releases.map((row) => row[key]);
  return table(refId, 'releases', [
    column('id', FieldType.string, pick('id')),
    column('agent', FieldType.string, pick('agent')),
    column('status', FieldType.string, pick('status')),
    column('stage', FieldType.number, pick('percent'), { unit: 'percent' }),
    column('stable', FieldType.boolean, pick('isStable')),
    column('config version', FieldType.string, pick('configVersion')),
    column('owner', FieldType.string, pick('owner')),
    column('reason', FieldType.string, pick('reason')),
    column('proposal', FieldType.string, pick('proposalId')),
    column('previous release', FieldType.string, pick('previousReleaseId')),
    time('created', pick('createdAt')),
  ]);
}

/** What the gate panels read besides the per-metric rows (in the frame's `meta.custom`). */
export interface GateSummary {
  decisionId: string;
  proposalId: string;
  agent: string;
  verdict: string;
  enforced: boolean;
  reasons: string[];
  baselineVersion: string;
  candidateVersion: string;
  release?: { id: string; status: string; percent: number; stage: string };
}

/** A metric's effect and interval; undefined for the safety tally and for a metric without data. */
function effectOf(comparison: MetricComparison) {
  return 'estimate' in comparison ? comparison : undefined;
}

/** One row per metric: both levels, the effect and its interval, the verdict and the gate's sentence. */
export function gateDecisionToFrame(refId: string, decision: GateDecision, release?: Release): DataFrame {
  const metrics = decision.metrics;
  const effects = metrics.map((row) => effectOf(row.comparison));
  const compared = <K extends 'baseline' | 'candidate' | 'levelUnit' | 'estimate' | 'unit' | 'method'>(key: K) =>
    effects.map((effect) => effect?.[key] ?? null);
  const summary: GateSummary = {
    decisionId: decision.id,
    proposalId: decision.proposalId,
    agent: decision.agent,
    verdict: decision.verdict,
    enforced: decision.enforced,
    reasons: decision.reasons,
    baselineVersion: decision.baseline.configVersion,
    candidateVersion: decision.candidate.configVersion,
    release: release
      ? {
          id: release.id,
          status: release.status,
          percent: release.percent,
          stage: `stage ${release.stageIndex + 1} of ${release.stages.length}`,
        }
      : undefined,
  };
  return table(
    refId,
    'gate decision',
    [
      column(
        'metric',
        FieldType.string,
        metrics.map((row) => row.metric),
      ),
      column(
        'verdict',
        FieldType.string,
        metrics.map((row) => row.verdict),
      ),
      column(
        'decides',
        FieldType.boolean,
        metrics.map((row) => row.decides),
      ),
      column(
        'critical',
        FieldType.boolean,
        metrics.map((row) => row.critical),
      ),
      column('baseline', FieldType.number, compared('baseline')),
      column('candidate', FieldType.number, compared('candidate')),
      column('level unit', FieldType.string, compared('levelUnit')),
      column('estimate', FieldType.number, compared('estimate')),
      column(
        'low',
        FieldType.number,
        effects.map((effect) => effect?.interval[0] ?? null),
      ),
      column(
        'high',
        FieldType.number,
        effects.map((effect) => effect?.interval[1] ?? null),
      ),
      column('unit', FieldType.string, compared('unit')),
      column('method', FieldType.string, compared('method')),
      column(
        'no data',
        FieldType.string,
        metrics.map((row) => ('noData' in row.comparison ? row.comparison.noData : null)),
      ),
      column(
        'sentence',
        FieldType.string,
        metrics.map((row) => row.sentence),
      ),
    ],
    summary as unknown as Record<string, unknown>,
  );
}
