import { describe, expect, it } from 'vitest';
import type { ArmStats } from '../regressions/armStats.ts';
import { checkMetrics } from '../regressions/checkMetrics.ts';
import { releasePolicySchema } from '@trumpets/protocol/api';
import { decideStage } from './stageDecision.ts';

const arm = (episodes: number, successRate: number): ArmStats => ({
  episodes,
  successes: Math.round(episodes * successRate),
  escalations: 0,
  logLatency: { n: episodes, mean: Math.log(800), variance: 0.1 },
  slowEpisodes: Math.round(episodes * 0.05),
  cost: { n: episodes, mean: 0.01, variance: 0.00001 },
  flaggedEpisodes: 0,
});
const policy = releasePolicySchema.parse({ soakMinutes: 30, minEpisodesPerVariant: 100 });
const HOUR = 3_600_000;

describe('a stage at one look', () => {
  it('never advances without traffic, however long it has soaked: it is extended', () => {
    for (const hours of [1, 24, 24 * 30]) {
      const decision = decideStage({
        policy,
        status: 'rolling_out',
        checks: checkMetrics(arm(0, 0), arm(0, 0), 0.01),
        candidateEpisodes: 0,
        controlEpisodes: 0,
        stageAgeMs: hours * HOUR,
      });
      expect(decision.kind).toBe('extend');
    }
  });

  it('waits for its soak, then advances when both arms have enough episodes and nothing regressed', () => {
    const checks = checkMetrics(arm(150, 0.9), arm(450, 0.9), 0.01);
    expect(checks.every((check) => !check.regression)).toBe(true);
    const input = { policy, status: 'rolling_out' as const, checks, candidateEpisodes: 150, controlEpisodes: 450 };
    expect(decideStage({ ...input, stageAgeMs: 10 * 60_000 }).kind).toBe('wait');
    expect(decideStage({ ...input, stageAgeMs: HOUR })).toMatchObject({
      kind: 'advance',
      reason: expect.stringMatching(/healthy after 60 min with 150 candidate and 450 control/),
    });
    expect(decideStage({ ...input, status: 'paused', stageAgeMs: HOUR }).kind).toBe('wait');
  });

  it('reports a regression of a deciding metric before anything else, with a sentence a person can read', () => {
    const checks = checkMetrics(arm(200, 0.7), arm(600, 0.9), 0.01);
    const decision = decideStage({ policy, status: 'rolling_out', checks, candidateEpisodes: 200, controlEpisodes: 600, stageAgeMs: 0 });
    expect(decision.kind).toBe('regression');
    const success = checks.find((check) => check.metric === 'success_rate')!;
    expect(success.summary).toMatch(
      /^success rate −20\.0 points \(always-valid 99% interval −[\d.]+ to −[\d.]+\), 200 candidate vs 600 control episodes$/,
    );
    const reportOnly = releasePolicySchema.parse({ regressionMetrics: ['latency'] });
    expect(
      decideStage({ policy: reportOnly, status: 'rolling_out', checks, candidateEpisodes: 200, controlEpisodes: 600, stageAgeMs: 0 }).kind,
    ).not.toBe('regression');
  });

  it('does not call a handful of episodes a regression', () => {
    expect(checkMetrics(arm(10, 0), arm(10, 1), 0.01).some((check) => check.regression)).toBe(false);
  });
});
