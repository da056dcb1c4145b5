import { randomUUID } from 'node:crypto';
import { isoFromMs, nowMicrosText } from '../shared/clock.ts';
import type { Store } from '../store/Store.ts';
import type { Regression, RegressionMetric } from '@trumpets/protocol/api';

export type { Regression };

export type NewRegression = Omit<Regression, 'id' | 'detectedAt'>;

interface RegressionRow {
  RegressionId: string;
  Agent: string;
  ReleaseId: string;
  ControlReleaseId: string;
  StageIndex: number;
  Percent: number;
  Metric: string;
  Effect: number;
  Lower: number;
  Upper: number;
  EValue: number;
  Alpha: number;
  CandidateEpisodes: string;
  ControlEpisodes: string;
  Summary: string;
  detectedMs: string;
}

export async function insertRegression(store: Store, regression: NewRegression): Promise<string> {
  const id = randomUUID();
  // Intervals can be unbounded on one side; JSON has no infinity, so they are clamped to the largest double.
  const finite = (value: number) => Math.max(-Number.MAX_VALUE, Math.min(Number.MAX_VALUE, value));
  await store.insert('regressions', [
    {
      RegressionId: id,
      Agent: regression.agent,
      ReleaseId: regression.releaseId,
      ControlReleaseId: regression.controlReleaseId,
      StageIndex: regression.stageIndex,
      Percent: regression.percent,
      Metric: regression.metric,
      Effect: regression.effect,
      Lower: finite(regression.interval.lower),
      Upper: finite(regression.interval.upper),
      EValue: finite(regression.eValue),
      Alpha: regression.alpha,
      CandidateEpisodes: regression.candidateEpisodes,
      ControlEpisodes: regression.controlEpisodes,
      Summary: regression.summary,
      DetectedAt: nowMicrosText(),
    },
  ]);
  return id;
}

export async function listRegressions(store: Store, agent: string, releaseId = ''): Promise<Regression[]> {
  const rows = await store.named<RegressionRow>('regression_list', { agent, releaseId });
  return rows.map((row) => ({
    id: row.RegressionId,
    agent: row.Agent,
    releaseId: row.ReleaseId,
    controlReleaseId: row.ControlReleaseId,
    stageIndex: Number(row.StageIndex),
    percent: Number(row.Percent),
    metric: row.Metric as RegressionMetric,
    effect: Number(row.Effect),
    interval: { lower: Number(row.Lower), upper: Number(row.Upper) },
    eValue: Number(row.EValue),
    alpha: Number(row.Alpha),
    candidateEpisodes: Number(row.CandidateEpisodes),
    controlEpisodes: Number(row.ControlEpisodes),
    summary: row.Summary,
    detectedAt: isoFromMs(row.detectedMs),
  }));
}
