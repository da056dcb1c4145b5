import { describe, expect, it } from 'vitest';
import {
  confidenceSequence,
  harmEvidence,
  logRatioOfMeans,
  meanDifference,
  momentsOf,
  proportionDifference,
  rareEventEvidence,
} from './sequential.ts';

describe('normal-mixture SPRT', () => {
  it('grows with harm in the harmful direction only, and is 1 without data', () => {
    const drop = proportionDifference({ successes: 160, trials: 200 }, { successes: 540, trials: 600 });
    expect(drop.effect).toBeCloseTo(-0.1, 10);
    expect(harmEvidence(drop, 0.05, 'lower').eValue).toBeGreaterThan(100);
    expect(harmEvidence(drop, 0.05, 'higher').eValue).toBeLessThan(1);
    expect(harmEvidence({ effect: 0, variance: 0 }, 0.05, 'lower')).toEqual({ eValue: 1, z: 0 });
    expect(harmEvidence(proportionDifference({ successes: 0, trials: 0 }, { successes: 5, trials: 9 }), 0.05, 'lower').eValue).toBe(1);
  });

  it('has a confidence sequence that holds the estimate and is wider than a fixed-n interval', () => {
    const estimate = { effect: -0.04, variance: 0.0004 };
    const { lower, upper } = confidenceSequence(estimate, 0.05, 0.05);
    expect(lower).toBeLessThan(-0.04 - 1.96 * 0.02);
    expect(upper).toBeGreaterThan(-0.04 + 1.96 * 0.02);
    expect(confidenceSequence({ effect: 0, variance: 0 }, 0.05, 0.05)).toEqual({ lower: -Infinity, upper: Infinity });
  });

  it('compares means with Welch variance and cost as a log ratio', () => {
    const slow = momentsOf([2, 2.2, 2.4, 2.1, 2.3]);
    const fast = momentsOf([1, 1.2, 1.1, 0.9, 0.8]);
    expect(meanDifference(slow, fast).effect).toBeCloseTo(1.2, 10);
    const ratio = logRatioOfMeans(slow, fast);
    expect(Math.exp(ratio.effect)).toBeCloseTo(2.2, 10);
    expect(logRatioOfMeans(slow, momentsOf([0, 0, 0]))).toEqual({ effect: 0, variance: 0 });
  });

  it('judges rare events by the candidate share of them against its share of traffic', () => {
    expect(rareEventEvidence(5, 15, 0.25).eValue).toBeLessThan(3);
    expect(rareEventEvidence(20, 10, 0.25).eValue).toBeGreaterThan(100);
    expect(rareEventEvidence(0, 0, 0.25).eValue).toBe(1);
  });
});
