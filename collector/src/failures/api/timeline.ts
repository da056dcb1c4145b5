import type { TimelinePoint } from '@trumpets/protocol/api';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Hourly and daily (UTC) counts over [fromMs, toMs), every bucket present (zero when nothing
 * failed), from the hourly counts the store returned.
 */
export function timelineOf(
  hourly: ReadonlyArray<{ hourMs: number; failures: number }>,
  fromMs: number,
  toMs: number,
): { hourly: TimelinePoint[]; daily: TimelinePoint[] } {
  const counts = new Map(hourly.map((row) => [row.hourMs, row.failures]));
  const days = new Map<number, number>();
  const hours: TimelinePoint[] = [];
  for (let hour = Math.floor(fromMs / HOUR_MS) * HOUR_MS; hour < toMs; hour += HOUR_MS) {
    const failures = counts.get(hour) ?? 0;
    hours.push({ time: new Date(hour).toISOString(), failures });
    const day = Math.floor(hour / DAY_MS) * DAY_MS;
    days.set(day, (days.get(day) ?? 0) + failures);
  }
  return { hourly: hours, daily: [...days].map(([day, failures]) => ({ time: new Date(day).toISOString(), failures })) };
}
