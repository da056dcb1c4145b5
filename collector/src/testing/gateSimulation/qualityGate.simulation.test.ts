import { gatePolicySchema, type Verdict } from '@trumpets/protocol/api';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GATE_POLICY } from '../../gates/policy/gatePolicy.ts';
import { decisionsOver, shareOf } from './runSimulatedGate.ts';

/**
 * The gate's error rates, measured on the synthetic agent of simulateBenchmark.ts (two single runs of
 * a case disagree on about 5.5% of cases) with the default policy, as a change's first attempt. 400
 * bootstrap resamples instead of the default 2000, and few trials, keep the suite fast; the figures
 * of the README come from measureGate.ts with more of both.
 */
const policy = gatePolicySchema.parse({ resamples: 400 });
const percent = (rate: number) => `${(100 * rate).toFixed(1)}%`;
const verdictIs = (verdict: Verdict) => (decision: { verdict: Verdict }) => decision.verdict === verdict;

describe('quality gate, simulated with fixed seeds at n = 200 cases', () => {
  it('with 5 repeats per case passes most identical candidates and never one 5 points worse', () => {
    const identical = decisionsOver(60, { cases: 200, repeats: 5 }, policy);
    const worse = decisionsOver(60, { cases: 200, repeats: 5, candidate: { qualityDropPoints: 5 } }, policy);
    const rates = {
      aaPass: shareOf(identical, verdictIs('pass')),
      aaFail: shareOf(identical, verdictIs('fail')),
      worseFail: shareOf(worse, verdictIs('fail')),
      worsePass: shareOf(worse, verdictIs('pass')),
    };
    console.log(
      `n=200, 5 repeats: A/A passes ${percent(rates.aaPass)}, fails ${percent(rates.aaFail)}; ` +
        `5 points worse fails ${percent(rates.worseFail)}, passes ${percent(rates.worsePass)} (60 trials each)`,
    );
    expect(rates.aaPass).toBeGreaterThanOrEqual(0.5);
    expect(rates.aaFail).toBe(0);
    expect(rates.worsePass).toBe(0);
    expect(worse.filter(verdictIs('fail')).every((decision) => decision.reasons.some((reason) => reason.startsWith('Quality fell')))).toBe(
      true,
    );
  });

  it('with one run per case is too noisy to settle a 5-point drop, and says inconclusive rather than pass', () => {
    const identical = decisionsOver(40, { cases: 200, repeats: 1 }, policy);
    const worse = decisionsOver(40, { cases: 200, repeats: 1, candidate: { qualityDropPoints: 5 } }, policy);
    const rates = {
      aaPass: shareOf(identical, verdictIs('pass')),
      aaFail: shareOf(identical, verdictIs('fail')),
      worseFail: shareOf(worse, verdictIs('fail')),
      worsePass: shareOf(worse, verdictIs('pass')),
    };
    console.log(
      `n=200, 1 run per case: A/A passes ${percent(rates.aaPass)}, fails ${percent(rates.aaFail)}; ` +
        `5 points worse fails ${percent(rates.worseFail)}, passes ${percent(rates.worsePass)} (40 trials each)`,
    );
    expect(rates.aaFail).toBeLessThanOrEqual(0.05);
    expect(rates.worsePass).toBe(0);
  });

  it('calls a benchmark with fewer cases than the policy needs inconclusive, never pass, even when nothing changed', () => {
    const decisions = decisionsOver(10, { cases: 20, repeats: 1 }, { ...DEFAULT_GATE_POLICY, resamples: 200 });
    for (const decision of decisions) {
      expect(decision.verdict).toBe('inconclusive');
      expect(decision.reasons.join(' ')).toContain('20 paired cases, fewer than the 30 the policy needs');
    }
  });
});
