import { describe, expect, it } from 'vitest';
import { episodeMetricsResponseSchema, gateDecisionSchema, regressionListSchema } from '@trumpets/protocol/api';
import { gateDecisionToFrame, metricsToFrames, regressionInUnits, regressionsToFrame } from './toFrames';
import { gateDecisionBody, regressionsBody } from './testing/bodies';

const point = (time: number, successRate: number | null, latencyP95Ms: number) => ({
  time,
  episodes: 10,
  knownOutcomes: 10,
  successRate,
  escalationRate: 0.1,
  latencyP50Ms: 100,
  latencyP95Ms,
  costPerEpisodeUsd: 0.01,
  tokensPerEpisode: 800,
});

describe('response parsing', () => {
  it('reads log-ratio regressions (latency, cost) as percent change and rate differences as points', () => {
    expect(regressionInUnits('cost', Math.log(1.2))).toBeCloseTo(20);
    expect(regressionInUnits('escalation_rate', 0.031)).toBeCloseTo(3.1);
  });

  it('turns each group into a labelled time series of the chosen metric', () => {
    const body = episodeMetricsResponseSchema.parse({
      from: 'x',
      to: 'y',
      intervalMs: 60_000,
      groupBy: 'agent',
      series: [
        { group: 'support', points: [point(0, 0.9, 900), point(60_000, null, 950)] },
        { group: 'billing', points: [point(0, 0.5, 400)] },
      ],
    });
    const frames = metricsToFrames('A', 'success_rate', body);
    expect(frames.map((frame) => frame.name)).toEqual(['agent=support', 'agent=billing']);
    const [time, value] = frames[0]!.fields;
    expect(time!.values).toEqual([0, 60_000]);
    expect(value!.values).toEqual([0.9, null]);
    expect(value!.labels).toEqual({ agent: 'support' });
    expect(value!.config.unit).toBe('percentunit');
    expect(metricsToFrames('A', 'latency_p95', body)[0]!.fields[1]!.values).toEqual([900, 950]);
  });

  it('names the field that does not match when the collector answers something else', () => {
    const result = episodeMetricsResponseSchema.safeParse({
      from: 'x',
      to: 'y',
      intervalMs: 1,
      groupBy: 'none',
      series: [{ group: '', points: [{ time: 'soon' }] }],
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['series', 0, 'points', 0, 'time']);
  });

  it('gives regressions one row each, with the interval split in two columns', () => {
    const frame = regressionsToFrame('A', regressionListSchema.parse(regressionsBody).regressions);
    const byName = Object.fromEntries(frame.fields.map((field) => [field.name, field.values]));
    expect(byName.metric).toEqual(['success_rate']);
    expect(byName.effect![0]).toBeCloseTo(-5.2);
    expect(byName.low![0]).toBeCloseTo(-9.1);
    expect(byName.high![0]).toBeCloseTo(-1.2);
    expect(byName.test).toEqual(['always-valid mixture SPRT, e-value 142.3 ≥ 1/α = 100']);
    expect(byName.detected).toEqual([Date.parse('2026-12-01T10:00:00.000Z')]);
  });

  it('gives a gate decision one row per metric and its summary in meta', () => {
    const frame = gateDecisionToFrame('A', gateDecisionSchema.parse(gateDecisionBody));
    const byName = Object.fromEntries(frame.fields.map((field) => [field.name, field.values]));
    expect(byName.metric).toEqual(['quality', 'latency_p95', 'safety']);
    expect(byName.verdict).toEqual(['pass', 'marginal', 'pass']);
    expect(byName['no data']).toEqual([null, null, null]);
    expect(frame.meta?.custom).toMatchObject({ verdict: 'marginal', proposalId: 'p-1', candidateVersion: 'cand123456789abc' });
  });
});
