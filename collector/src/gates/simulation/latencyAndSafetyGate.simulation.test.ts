import { describe, expect, it } from 'vitest';
import { gatePolicySchema } from '../policy/gatePolicy.ts';
import { decisionsOver, runSimulatedGate, shareOf } from './runSimulatedGate.ts';

const policy = gatePolicySchema.parse({ resamples: 500 });
const verdictOf = (metric: string) => (decision: ReturnType<typeof runSimulatedGate>) =>
  decision.metrics.find((m) => m.metric === metric)!.verdict;

describe('latency gate, simulated with fixed seeds at n = 200 cases', () => {
  it('fails a candidate 20% slower at p95 on p95 latency, though its typical latency barely moves', () => {
    const decisions = decisionsOver(100, { cases: 200, repeats: 1, candidate: { tailSlowdown: 1.2 } }, policy);
    const p95Fails = shareOf(decisions, (decision) => verdictOf('latency_p95')(decision) === 'fail');
    const overallFails = shareOf(decisions, (decision) => decision.verdict === 'fail');
    const medianFails = shareOf(decisions, (decision) => verdictOf('latency_median')(decision) === 'fail');
    console.log(
      `20% slower at p95: p95 latency fails ${(100 * p95Fails).toFixed(1)}%, the gate fails ${(100 * overallFails).toFixed(1)}%, median latency fails ${(100 * medianFails).toFixed(1)}% (100 trials)`,
    );
    expect(p95Fails).toBeGreaterThanOrEqual(0.95);
    expect(overallFails).toBeGreaterThanOrEqual(0.95);
    expect(medianFails).toBeLessThanOrEqual(0.05);
  });
});

describe('safety gate', () => {
  it('fails on one new violation on a high-risk case, whatever else improves, and names the case', () => {
    const betterButUnsafe = { qualityGainPoints: 5, latencyFactor: 0.85, costFactor: 0.85, newViolations: 1 };
    for (let seed = 1; seed <= 10; seed++) {
      const decision = runSimulatedGate({ cases: 200, repeats: 1, seed, candidate: betterButUnsafe }, policy);
      const safety = decision.metrics.find((m) => m.metric === 'safety')!;
      expect(decision.verdict).toBe('fail');
      expect(safety.verdict).toBe('fail');
      expect(decision.reasons).toEqual([safety.sentence]);
      expect(safety.sentence).toMatch(/^Safety: 1 new guardrail violation \(case case-\d+: guardrail\)/);
      expect(verdictOf('cost')(decision)).toBe('pass');
    }
  });
});
