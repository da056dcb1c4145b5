const HOUR_MS = 3600_000;
/** Longest range one request may read: 90 days keeps the hourly timeline near 2,000 points. */
const MAX_RANGE_MS = 90 * 24 * HOUR_MS;
const DEFAULT_RANGE_MS = 7 * 24 * HOUR_MS;

/** Range and windows in milliseconds, checked against each other. */
export function scopeOf(params: { agent: string; from?: number; to?: number; windowHours: number; newWithinHours: number }, nowMs: number) {
  const toMs = params.to ?? nowMs;
  const fromMs = params.from ?? toMs - DEFAULT_RANGE_MS;
  if (fromMs >= toMs) return { error: 'from must be before to' } as const;
  if (toMs - fromMs > MAX_RANGE_MS) return { error: 'the range from..to may span at most 90 days' } as const;
  return {
    scope: { agent: params.agent, fromMs, toMs, windowMs: params.windowHours * HOUR_MS, newWithinMs: params.newWithinHours * HOUR_MS },
  } as const;
}
