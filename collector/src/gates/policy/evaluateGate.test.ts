import { type EffectComparison, type EffectMetric, gatePolicySchema, type MetricComparison } from '@trumpets/protocol/api';
import { describe, expect, it } from 'vitest';
import type { Comparison } from '../comparison/compareRuns.ts';
import { runHealth } from '../comparison/runHealth.ts';
import { effectVerdict } from './effectVerdict.ts';
import { evaluateGate } from './evaluateGate.ts';
import { DEFAULT_GATE_POLICY } from './gatePolicy.ts';

function effect(metric: EffectMetric, estimate: number, interval: [number, number], cases = 200): EffectComparison {
  const quality = metric === 'quality';
  return {
    metric,
    cases,
    unit: quality ? 'points' : 'percent',
    baseline: quality ? 80 : 1000,
    candidate: quality ? 80 + estimate : 1000 * (1 + estimate / 100),
    levelUnit: quality ? '%' : metric === 'cost' ? 'tokens' : 'ms',
    estimate,
    interval,
    confidence: 0.95,
    method: quality ? 'McNemar test (exact mid-p)' : 'paired bootstrap',
    pValue: 0.5,
  };
}

const healthy = runHealth(
  Array.from({ length: 200 }, (_, i) => ({ caseId: `c${i}`, repeat: 0, escalated: false, safetyFlags: [] })),
  200,
);

function comparison(overrides: Partial<Record<string, MetricComparison>> = {}): Comparison {
  return {
    pairs: [],
    health: { baseline: healthy, candidate: healthy },
    flaky: { baseline: [], candidate: [] },
    metrics: {
      quality: effect('quality', 0.5, [-2, 3]),
      latency_median: effect('latency_median', 1, [-2, 4]),
      latency_p95: effect('latency_p95', 2, [-5, 9]),
      cost: effect('cost', -1, [-3, 1]),
      safety: { metric: 'safety', cases: 200, highRiskCases: 20, newViolations: [], missedEscalations: [], resolved: 0 },
      ...overrides,
    } as Comparison['metrics'],
  };
}

describe('effect verdict', () => {
  const rule = DEFAULT_GATE_POLICY.metrics.cost; // allowed 5%, critical 20%
  it.each([
    [{ estimate: 12, lower: 6, upper: 18 }, 'fail'],
    [{ estimate: 8, lower: 1, upper: 15 }, 'marginal'],
    [{ estimate: 8, lower: 5.5, upper: 11 }, 'fail'],
    [{ estimate: 8, lower: -4, upper: 21 }, 'inconclusive'],
    [{ estimate: 3, lower: 1, upper: 7 }, 'marginal'],
    [{ estimate: 2, lower: 1, upper: 3 }, 'pass'],
    [{ estimate: 8, lower: -1, upper: 17 }, 'pass'],
    [{ estimate: -6, lower: -9, upper: -3 }, 'pass'],
    [{ estimate: Number.NaN, lower: Number.NaN, upper: Number.NaN }, 'inconclusive'],
    [{ estimate: 3, lower: -1, upper: Number.POSITIVE_INFINITY }, 'inconclusive'],
  ] as const)('harm %o is %s', (harm, verdict) => {
    expect(effectVerdict(harm, rule, (value) => `${value}%`).verdict).toBe(verdict);
  });

  it('reads the allowed effect against the interval, never the point estimate: a harm not shown to exceed it does not fail', () => {
    // Cost +6% estimated, interval +3% to +9%: above 0, but not shown to be above the allowed 5%.
    expect(effectVerdict({ estimate: 6, lower: 3, upper: 9 }, rule, String).verdict).toBe('marginal');
    expect(effectVerdict({ estimate: 6, lower: 5.01, upper: 7 }, rule, String).verdict).toBe('fail');
  });
});

describe('gate evaluation', () => {
  it('passes when every metric passes, with one sentence per metric naming effect, interval and test', () => {
    const decision = evaluateGate(comparison(), DEFAULT_GATE_POLICY);
    expect(decision.verdict).toBe('pass');
    expect(decision.enforced).toBe(true);
    const quality = decision.metrics.find((m) => m.metric === 'quality')!;
    expect(quality.sentence).toBe(
      'Quality rose 0.5 points (80.0% → 80.5%; 95% CI −2.0 to +3.0 points; McNemar test (exact mid-p) p = 0.500; 200 paired cases): pass — no significant harm, and a harm beyond 5 points is ruled out.',
    );
  });

  it('fails on a critical metric and gives its sentence as the reason', () => {
    const decision = evaluateGate(comparison({ quality: effect('quality', -5, [-8, -2]) }), DEFAULT_GATE_POLICY);
    expect(decision.verdict).toBe('fail');
    expect(decision.reasons).toHaveLength(1);
    expect(decision.reasons[0]).toMatch(/^Quality fell 5.0 points .*: fail — significantly worse by more than the allowed 1 point\.$/);
  });

  it("counts a non-critical metric's fail as marginal overall, and a shadowed metric not at all", () => {
    const slowMedian = { latency_median: effect('latency_median', 18, [12, 24]) };
    expect(evaluateGate(comparison(slowMedian), DEFAULT_GATE_POLICY).verdict).toBe('marginal');
    const shadowed = gatePolicySchema.parse({ metrics: { latency_median: { shadow: true } } });
    const decision = evaluateGate(comparison(slowMedian), shadowed);
    expect(decision.verdict).toBe('pass');
    expect(decision.metrics.find((m) => m.metric === 'latency_median')).toMatchObject({ verdict: 'fail', decides: false });
  });

  it('never treats a certain large harm on a non-critical metric more leniently than an uncertain small one', () => {
    // Typical latency certainly +60% (CI +50 to +70%) against +5% (CI −5 to +30%); critical effect 25%.
    const certain = evaluateGate(comparison({ latency_median: effect('latency_median', 60, [50, 70]) }), DEFAULT_GATE_POLICY);
    const uncertain = evaluateGate(comparison({ latency_median: effect('latency_median', 5, [-5, 30]) }), DEFAULT_GATE_POLICY);
    expect(uncertain.verdict).toBe('inconclusive');
    expect(certain.verdict).toBe('inconclusive');
    expect(certain.reasons[0]).toMatch(
      /: fail — .* Not critical, so it counts as inconclusive: its interval reaches past the critical 25%\.$/,
    );
  });

  it('is an error, not a shrunken interval, when more than 1% of bootstrap resamples were undefined', () => {
    const cost = { ...effect('cost', 1, [-2, 4]), resamples: { drawn: 2000, dropped: 100 } };
    const decision = evaluateGate(comparison({ cost }), DEFAULT_GATE_POLICY);
    expect(decision.verdict).toBe('error');
    expect(decision.reasons[0]).toMatch(/: error — 100 of 2000 bootstrap resamples \(5\.0%\) had no defined value/);
    const few = { ...effect('cost', 1, [-2, 4]), resamples: { drawn: 2000, dropped: 10 } };
    const fine = evaluateGate(comparison({ cost: few }), DEFAULT_GATE_POLICY);
    expect(fine.verdict).toBe('pass');
    expect(fine.metrics.find((m) => m.metric === 'cost')!.sentence).toContain('(10 of 2000 resamples undefined, left out)');
  });

  it('writes an unbounded interval end as ∞ and calls it inconclusive', () => {
    const decision = evaluateGate(
      comparison({ latency_p95: effect('latency_p95', 2, [-4, Number.POSITIVE_INFINITY]) }),
      DEFAULT_GATE_POLICY,
    );
    expect(decision.verdict).toBe('inconclusive');
    expect(decision.reasons[0]).toContain('95% CI −4.0 to +∞%');
  });

  it('is inconclusive without data a metric must have, and leaves out a metric that may go without', () => {
    const noCost = { cost: { metric: 'cost' as const, noData: 'the baseline recorded no token usage' } };
    expect(evaluateGate(comparison(noCost), DEFAULT_GATE_POLICY).verdict).toBe('inconclusive');
    const optional = gatePolicySchema.parse({ metrics: { cost: { mustHaveData: false } } });
    expect(evaluateGate(comparison(noCost), optional).verdict).toBe('pass');
  });

  it('is an error, never pass or fail, when a run has more unusable runs than the policy allows', () => {
    const runs = Array.from({ length: 200 }, (_, i) => ({
      caseId: `c${i}`,
      repeat: 0,
      escalated: false,
      safetyFlags: [],
      ...(i < 15 ? { error: { kind: 'agent' as const, message: 'provider timeout' } } : {}),
    }));
    const broken = {
      ...comparison({ quality: effect('quality', -5, [-8, -2]) }),
      health: { baseline: healthy, candidate: runHealth(runs.slice(0, 195), 200) },
    };
    const decision = evaluateGate(broken, DEFAULT_GATE_POLICY);
    expect(decision.verdict).toBe('error');
    expect(decision.reasons).toEqual([
      'The candidate run is broken: 20 of 200 runs unusable (harness 5, agent 15), 10.0% against the 5.0% the policy allows: error, not a verdict on the proposal.',
    ]);
    expect(decision.metrics.every((metric) => metric.verdict === 'error')).toBe(true);
  });

  it('reports without enforcing in shadow mode', () => {
    const decision = evaluateGate(comparison({ quality: effect('quality', -5, [-8, -2]) }), gatePolicySchema.parse({ shadow: true }));
    expect(decision).toMatchObject({ verdict: 'fail', enforced: false });
  });
});
