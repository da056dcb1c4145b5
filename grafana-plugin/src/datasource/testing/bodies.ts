import { gatePolicySchema, type GateDecision, type RunHealth } from '@trumpets/protocol/api';

/** Collector answers as the API documents them (typed by its wire types), for unit tests of parsing and panels. */

const healthy: RunHealth = {
  expectedRuns: 50,
  usableRuns: 50,
  errors: { harness: 0, agent: 0, scorer: 0, missing_episode: 0 },
  errorRate: 0,
};

export const regressionsBody = {
  regressions: [
    {
      id: 'r-1',
      agent: 'support',
      releaseId: 'rel-2',
      controlReleaseId: 'rel-1',
      stageIndex: 1,
      percent: 25,
      metric: 'success_rate',
      effect: -0.052,
      interval: { lower: -0.091, upper: -0.012 },
      eValue: 142.3,
      alpha: 0.01,
      candidateEpisodes: 412,
      controlEpisodes: 1230,
      summary: 'Success rate fell 5.2 points at the 25% stage.',
      detectedAt: '2026-12-01T10:00:00.000Z',
    },
  ],
};

export const gateDecisionBody: GateDecision = {
  id: 'd-1',
  proposalId: 'p-1',
  agent: 'support',
  verdict: 'marginal',
  enforced: true,
  reasons: ['Latency p95 rose 8.0 % [1.0, 15.0] (paired bootstrap): marginal.'],
  baseline: { runId: 'run-b', configVersion: 'base123456789abc' },
  candidate: { runId: 'run-c', configVersion: 'cand123456789abc' },
  set: { id: 'support-core', version: 1 },
  policy: { version: 'policy-1', policy: gatePolicySchema.parse({}) },
  health: { baseline: healthy, candidate: healthy, broken: false },
  flaky: { baseline: [], candidate: [] },
  cases: [],
  seed: 'seed-1',
  decidedBy: 'ci',
  decidedAt: '2026-12-01T09:00:00.000Z',
  metrics: [
    {
      metric: 'quality',
      verdict: 'pass',
      decides: true,
      critical: true,
      sentence: 'Quality rose 6.0 points [2.0, 10.0] (paired sign test): pass.',
      comparison: {
        metric: 'quality',
        cases: 50,
        unit: 'points',
        baseline: 82,
        candidate: 88,
        levelUnit: '%',
        estimate: 6,
        interval: [2, 10],
        confidence: 0.95,
        method: 'paired sign test',
        pValue: 0.01,
      },
    },
    {
      metric: 'latency_p95',
      verdict: 'marginal',
      decides: true,
      critical: false,
      sentence: 'Latency p95 rose 8.0 % [1.0, 15.0] (paired bootstrap): marginal.',
      comparison: {
        metric: 'latency_p95',
        cases: 50,
        unit: 'percent',
        baseline: 1200,
        candidate: 1296,
        levelUnit: 'ms',
        estimate: 8,
        interval: [1, 15],
        confidence: 0.95,
        method: 'paired bootstrap',
        pValue: 0.03,
      },
    },
    {
      metric: 'safety',
      verdict: 'pass',
      decides: true,
      critical: true,
      sentence: 'No new safety flags in 50 cases: pass.',
      comparison: { metric: 'safety', cases: 50, highRiskCases: 4, newViolations: [], missedEscalations: [], resolved: 0 },
    },
  ],
};
