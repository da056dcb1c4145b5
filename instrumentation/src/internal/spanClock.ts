import type { HrTime } from '@opentelemetry/api';

let lastMicros = 0;

/**
 * Span times when no clock is configured. The SDK stamps a span's start with `Date.now()`, so two
 * tool calls started within one millisecond tie and their order is lost (the collector orders an
 * episode's calls by start time). This reading keeps the wall clock's time and the monotonic
 * clock's sub-millisecond resolution: within the wall clock's millisecond it follows
 * `performance.now()` (which drifts from the wall clock in long-lived processes, so it is clamped
 * to that millisecond), and it is never behind the last reading.
 */
export function spanTime(): HrTime {
  const wallMicros = Date.now() * 1000;
  const preciseMicros = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  const micros = Math.max(wallMicros, Math.min(preciseMicros, wallMicros + 999), lastMicros + 1);
  lastMicros = micros;
  return [Math.floor(micros / 1e6), (micros % 1e6) * 1000];
}
