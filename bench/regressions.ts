import { simulateStageDays } from '@trumpets/collector/testing';

/**
 * `pnpm bench --regressions`: the regression detector's figures on simulated stages checked every
 * minute for a day (fixed seeds): false alarms per day on an unchanged release, and time to detect
 * a 5-point success-rate drop at the 5% and 25% stages with 200 episodes an hour.
 */
export function benchRegressions(days: number, log: (line: string) => void): void {
  const hours = (minutes: number) => (Number.isFinite(minutes) ? `${(minutes / 60).toFixed(1)} h` : 'not within the day');
  for (const alpha of [0.01, 0.05]) {
    for (const share of [0.05, 0.25]) {
      const stage = { episodesPerHour: 200, share, controlSuccessRate: 0.9, alpha };
      const unchanged = simulateStageDays({ ...stage, days, seed: 11, candidateSuccessRate: 0.9 });
      const dropped = simulateStageDays({ ...stage, days, seed: 12, candidateSuccessRate: 0.85 });
      log(
        `α ${alpha}, ${share * 100}% stage, 200 episodes/h: false alarms on ${((100 * unchanged.alarmDays) / days).toFixed(1)}% of ${days} days; ` +
          `90% → 85% caught on ${((100 * dropped.alarmDays) / days).toFixed(1)}% of days, median ${hours(dropped.medianMinutes)}, 90th percentile ${hours(dropped.p90Minutes)}`,
      );
    }
  }
}
