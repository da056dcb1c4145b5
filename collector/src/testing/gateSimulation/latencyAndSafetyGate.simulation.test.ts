import { gatePolicySchema } from '@trumpets/protocol/api';
import { describe, expect, it } from 'vitest';
import { decisionsOver, runSimulatedGate, shareOf } from './runSimulatedGate.ts';

const policy = gatePolicySchema.parse({ resamples: 400 });
const verdictOf = (metric: string) => (decision: ReturnType<typeof runSimulatedGate>) =>
  decision.metrics.find((m) => m.metric === metric)!.verdict;

describe('latency gate, simulated with fixed seeds at n = 200 cases', () => {
  it('never passes a candidate 20% slower at p95, and fails one 50% slower, though its typical latency barely moves', () => {
    const slower = decisionsOver(40, { cases: 200, repeats: 1, candidate: { tailSlowdown: 1.2 } }, policy);
    const muchSlower = decisionsOver(40, { cases: 200, repeats: 1, candidate: { tailSlowdown: 1.5 } }, policy);
    const rates = {
      slowerPass: shareOf(slower, (decision) => verdictOf('latency_p95')(decision) === 'pass'),
      slowerFail: shareOf(slower, (decision) => verdictOf('latency_p95')(decision) === 'fail'),
      muchSlowerFail: shareOf(muchSlower, (decision) => decision.verdict === 'fail'),
      medianFails: shareOf([...slower, ...muchSlower], (decision) => verdictOf('latency_median')(decision) === 'fail'),
    };
    console.log(
      `p95 +20%: p95 latency passes ${(100 * rates.slowerPass).toFixed(1)}%, fails ${(100 * rates.slowerFail).toFixed(1)}%; ` +
        `p95 +50%: the gate fails ${(100 * rates.muchSlowerFail).toFixed(1)}%; median latency fails ${(100 * rates.medianFails).toFixed(1)}% (40 trials each)`,
    );
    expect(rates.slowerPass).toBe(0);
    expect(rates.muchSlowerFail).toBeGreaterThanOrEqual(0.9);
    expect(rates.medianFails).toBeLessThanOrEqual(0.05);
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
      expect(decision.reasons).toEqual([safety.sentence, expect.stringMatching(/^Attempt 1 of 3 for this change/)]);
      expect(safety.sentence).toMatch(/^Safety: 1 new guardrail violation \(case case-\d+: guardrail\)/);
      expect(verdictOf('cost')(decision)).toBe('pass');
    }
  });
});
