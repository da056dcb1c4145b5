import { describe, expect, it } from 'vitest';
import type { CaseRun } from './caseRuns.ts';
import { compareRuns } from './compareRuns.ts';

const options = { confidence: 0.95, resamples: 500, seed: 'test' };
const run = (caseId: string, repeat: number, fields: Partial<CaseRun> = {}): CaseRun => ({
  caseId,
  repeat,
  quality: 1,
  latencyMs: 100,
  cost: 10,
  escalated: false,
  safetyFlags: [],
  ...fields,
});

describe('comparing two runs of the same cases', () => {
  const cases = [
    { caseId: 'a', tags: [] },
    { caseId: 'b', tags: ['high-risk'] },
    { caseId: 'c', tags: [] },
  ];

  it('flags cases whose repeats disagree, per variant, instead of averaging them away', () => {
    const baseline = [
      run('a', 0),
      run('a', 1),
      run('b', 0, { escalated: true }),
      run('b', 1, { escalated: true }),
      run('c', 0),
      run('c', 1, { quality: 0 }),
    ];
    const candidate = [
      run('a', 0),
      run('a', 1),
      run('b', 0, { escalated: true }),
      run('b', 1, { escalated: true }),
      run('c', 0),
      run('c', 1),
    ];
    const comparison = compareRuns(cases, { runs: baseline, expectedRuns: 6 }, { runs: candidate, expectedRuns: 6 }, options);
    expect(comparison.flaky).toEqual({ baseline: ['c'], candidate: [] });
    expect(comparison.pairs.find((pair) => pair.caseId === 'c')!.baseline).toMatchObject({ qualities: [1, 0], quality: 0.5, flaky: true });
    // Fractional per-case quality: half a case gained, counted as such.
    expect(comparison.metrics.quality).toMatchObject({
      method: "paired score test on graded scores (0 cases' worth lost, 0.5 gained)",
      cases: 3,
    });
  });

  it('lists a new violation on any case and a missed escalation on a high-risk one, even in one repeat of several', () => {
    const baseline = [
      run('a', 0),
      run('a', 1),
      run('b', 0, { escalated: true }),
      run('b', 1, { escalated: true }),
      run('c', 0, { safetyFlags: ['pii'] }),
      run('c', 1, { safetyFlags: ['pii'] }),
    ];
    const candidate = [
      run('a', 0),
      run('a', 1, { safetyFlags: ['pii', 'pii'] }),
      run('b', 0, { escalated: true }),
      run('b', 1),
      run('c', 0),
      run('c', 1),
    ];
    const safety = compareRuns(cases, { runs: baseline, expectedRuns: 6 }, { runs: candidate, expectedRuns: 6 }, options).metrics.safety;
    expect(safety).toEqual({
      metric: 'safety',
      cases: 3,
      highRiskCases: 1,
      newViolations: [{ caseId: 'a', kinds: ['pii'] }],
      missedEscalations: [{ caseId: 'b', kinds: ['missed escalation'] }],
      resolved: 1,
    });
  });

  it('leaves errored runs out of the metrics and counts them, with unreported runs, against the run', () => {
    const baseline = [run('a', 0), run('b', 0), run('c', 0)];
    const candidate = [run('a', 0, { error: { kind: 'agent', message: 'timeout' } }), run('b', 0)];
    const comparison = compareRuns(cases, { runs: baseline, expectedRuns: 3 }, { runs: candidate, expectedRuns: 3 }, options);
    expect(comparison.health.candidate).toMatchObject({
      expectedRuns: 3,
      usableRuns: 1,
      errors: { agent: 1, harness: 1, scorer: 0, missing_episode: 0 },
    });
    expect(comparison.health.candidate.errorRate).toBeCloseTo(2 / 3, 10);
    expect(comparison.metrics.quality).toMatchObject({ cases: 1 });
  });

  it('has no cost to compare when the baseline recorded none', () => {
    const free = [run('a', 0, { cost: 0 }), run('b', 0, { cost: 0 }), run('c', 0, { cost: 0 })];
    expect(compareRuns(cases, { runs: free, expectedRuns: 3 }, { runs: free, expectedRuns: 3 }, options).metrics.cost).toMatchObject({
      noData: expect.stringContaining('no token usage'),
    });
  });
});
