import { describe, expect, it } from 'vitest';
import { DEFAULT_GATE_POLICY, gatePolicySchema } from '../policy/gatePolicy.ts';
import type { Verdict } from '../policy/verdicts.ts';
import { decisionsOver, shareOf } from './runSimulatedGate.ts';

/**
 * The gate's error rates, measured on the synthetic agent of simulateBenchmark.ts (two single runs of
 * a case disagree on about 5.5% of cases) with the default policy. 500 bootstrap resamples
 * instead of the default 2000 keep the suite fast; the 95% interval ends move by a fraction of a point.
 */
const policy = gatePolicySchema.parse({ resamples: 500 });
const percent = (rate: number) => `${(100 * rate).toFixed(1)}%`;
const verdictIs = (verdict: Verdict) => (decision: { verdict: Verdict }) => decision.verdict === verdict;

describe('quality gate, simulated with fixed seeds at n = 200 cases', () => {
  it('passes an identical candidate (A/A) and fails one 5 points worse, each in at least 95% of trials, with 5 repeats per case', () => {
    const identical = decisionsOver(200, { cases: 200, repeats: 5 }, policy);
    const worse = decisionsOver(200, { cases: 200, repeats: 5, candidate: { qualityDropPoints: 5 } }, policy);
    const truePass = shareOf(identical, verdictIs('pass'));
    const caught = shareOf(worse, verdictIs('fail'));
    const falsePass = shareOf(worse, verdictIs('pass'));
    console.log(
      `n=200, 5 repeats: A/A passes ${percent(truePass)}; 5 points worse fails ${percent(caught)}, passes ${percent(falsePass)} (200 trials each)`,
    );
    expect(truePass).toBeGreaterThanOrEqual(0.95);
    expect(caught).toBeGreaterThanOrEqual(0.95);
    expect(falsePass).toBe(0);
    expect(worse.filter(verdictIs('fail')).every((decision) => decision.reasons.some((reason) => reason.startsWith('Quality fell')))).toBe(
      true,
    );
  });

  it('with one run per case is too noisy to settle a 5-point drop, and says inconclusive rather than pass', () => {
    const identical = decisionsOver(100, { cases: 200, repeats: 1 }, policy);
    const worse = decisionsOver(100, { cases: 200, repeats: 1, candidate: { qualityDropPoints: 5 } }, policy);
    const rates = {
      aaPass: shareOf(identical, verdictIs('pass')),
      aaFail: shareOf(identical, verdictIs('fail')),
      worseFail: shareOf(worse, verdictIs('fail')),
      worsePass: shareOf(worse, verdictIs('pass')),
    };
    console.log(
      `n=200, 1 run per case: A/A passes ${percent(rates.aaPass)}, fails ${percent(rates.aaFail)}; ` +
        `5 points worse fails ${percent(rates.worseFail)}, passes ${percent(rates.worsePass)} (100 trials each)`,
    );
    expect(rates.aaFail).toBeLessThanOrEqual(0.05);
    expect(rates.worsePass).toBeLessThanOrEqual(0.05);
  });

  it('calls a benchmark with fewer cases than the policy needs inconclusive, never pass, even when nothing changed', () => {
    const decisions = decisionsOver(10, { cases: 20, repeats: 1 }, { ...DEFAULT_GATE_POLICY, resamples: 500 });
    for (const decision of decisions) {
      expect(decision.verdict).toBe('inconclusive');
      expect(decision.reasons.join(' ')).toContain('20 paired cases, fewer than the 30 the policy needs');
    }
  });
});
