import { describe, expect, it } from 'vitest';
import { DEFAULT_GATE_POLICY } from '../gates/policy/gatePolicy.ts';
import { probabilityOf, qualityOutcomes, rerunUntilDecidedValidated } from '../testing/gateSimulation/exactQualityLevel.ts';
import { twoSidedNormalP } from './normal.ts';
import { pairedScore, pairedScoreInterval, SCORE_LEVEL_CALIBRATION } from './pairedScoreInterval.ts';

describe('paired score interval', () => {
  it('is McNemar at no difference: (gained − lost)/√(gained + lost), its p divided by the calibration', () => {
    expect(pairedScore({ n: 200, lost: 30, gained: 10 }, 0)).toBeCloseTo(-20 / Math.sqrt(40), 12);
    expect(pairedScoreInterval({ n: 200, lost: 30, gained: 10 }, 0.95).pValue).toBeCloseTo(0.001565 / SCORE_LEVEL_CALIBRATION, 5);
    expect(pairedScoreInterval({ n: 100, lost: 6, gained: 6 }, 0.95).pValue).toBe(1);
  });

  it('is ±z²/(n + z²) wide when no case changed, never zero-width', () => {
    const { interval } = pairedScoreInterval({ n: 30, lost: 0, gained: 0 }, 0.95);
    const z = 1.9857; // the calibrated two-sided 95%: one-sided 2.35%
    expect(interval[0]).toBeCloseTo(-(z * z) / (30 + z * z), 3);
    expect(interval[1]).toBeCloseTo((z * z) / (30 + z * z), 3);
  });

  it('excludes 0 exactly when p ≤ 1 − confidence, and its bounds are where the score crosses ±z', () => {
    for (const [lost, gained] of [
      [10, 3],
      [12, 4],
      [9, 2],
      [20, 8],
    ] as const) {
      for (const n of [30, 200]) {
        const { interval, pValue } = pairedScoreInterval({ n, lost, gained }, 0.95);
        expect(pValue <= 0.05).toBe(interval[1] < 0 || interval[0] > 0);
        const z = pairedScore({ n, lost, gained }, interval[0]);
        expect(twoSidedNormalP(z) * 1).toBeCloseTo(0.05 * SCORE_LEVEL_CALIBRATION, 6);
      }
    }
  });

  it('only moves down as a case gets worse, in whole cases or in fractions of one', () => {
    let previous = pairedScoreInterval({ n: 30, lost: 0, gained: 0 }, 0.95).interval;
    for (let lost = 1 / 3; lost <= 6; lost += 1 / 3) {
      const { interval } = pairedScoreInterval({ n: 30, lost, gained: 0 }, 0.95);
      expect(interval[0]).toBeLessThan(previous[0]);
      expect(interval[1]).toBeLessThan(previous[1]);
      previous = interval;
    }
  });
});

describe('quality gate level at the critical 5-point harm, by exact enumeration of every outcome', () => {
  const policy = { ...DEFAULT_GATE_POLICY, maxAttempts: 1 };
  it.each([30, 100, 200])(
    'validates a 5-point harm in at most 2.5 percent of outcomes at n = %i, for every share of changed cases up to 80 percent',
    (n) => {
      const table = qualityOutcomes(n, policy, 0.95);
      let worst = 0;
      for (let gained = 0; gained <= 0.375; gained += 0.005)
        worst = Math.max(worst, probabilityOf(table, gained + 0.05, gained, table.validated));
      // The two harms the gate was probed with: 5% of cases lost and none gained; 7.75% lost and 2.75% gained.
      const probes = [probabilityOf(table, 0.05, 0, table.validated), probabilityOf(table, 0.0775, 0.0275, table.validated)];
      console.log(
        `n=${n}: a 5-point harm is validated ${pct(probes[0]!)} (5% lost, 0 gained), ${pct(probes[1]!)} (7.75% / 2.75%), at most ${pct(worst)}`,
      );
      expect(worst).toBeLessThanOrEqual(0.025);
    },
  );
});

describe('validating one change again and again', () => {
  it.each([30, 100, 200])('validates a 5-point harm in at most 2.5 percent of outcomes at n = %i even when rerun until it decides', (n) => {
    const rate = rerunUntilDecidedValidated(n, DEFAULT_GATE_POLICY, 0.0775, 0.0275);
    const single = rerunUntilDecidedValidated(n, { ...DEFAULT_GATE_POLICY, maxAttempts: 1 }, 0.0775, 0.0275);
    console.log(
      `n=${n}: rerun until decided (${DEFAULT_GATE_POLICY.maxAttempts} attempts) validates a 5-point harm ${pct(rate)}; one attempt ${pct(single)}`,
    );
    expect(rate).toBeLessThanOrEqual(0.025);
  });
});

function pct(rate: number): string {
  return `${(100 * rate).toFixed(2)}%`;
}
