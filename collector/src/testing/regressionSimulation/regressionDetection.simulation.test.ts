import { describe, expect, it } from 'vitest';
import { simulateStageDays } from './simulateStageDays.ts';

/**
 * Regression detection on simulated stages (fixed seeds), checked every minute for a day. The
 * suite runs a few hundred days; `pnpm bench --regressions` runs thousands and prints the figures.
 */
const stage = { episodesPerHour: 200, share: 0.25, controlSuccessRate: 0.9 };

describe('success-rate regression detection, checked every minute', () => {
  it('raises a false alarm on at most 5% of days on an unchanged release, even at α = 0.05', () => {
    const result = simulateStageDays({ ...stage, days: 300, seed: 1, candidateSuccessRate: 0.9, alpha: 0.05 });
    expect(result.alarmDays / result.days).toBeLessThanOrEqual(0.05);
    const strict = simulateStageDays({ ...stage, days: 300, seed: 2, candidateSuccessRate: 0.9, alpha: 0.01 });
    expect(strict.alarmDays / strict.days).toBeLessThanOrEqual(0.02);
  });

  it('catches a 5-point drop at the 25% stage with 200 episodes an hour within the day', () => {
    const result = simulateStageDays({ ...stage, days: 100, seed: 3, candidateSuccessRate: 0.85, alpha: 0.01 });
    expect(result.alarmDays / result.days).toBeGreaterThanOrEqual(0.8);
    expect(result.medianMinutes).toBeLessThan(24 * 60);
  });

  it('never alarms on a stage without traffic', () => {
    const result = simulateStageDays({ ...stage, episodesPerHour: 0, days: 5, seed: 4, candidateSuccessRate: 0, alpha: 0.05 });
    expect(result.alarmDays).toBe(0);
  });
});
