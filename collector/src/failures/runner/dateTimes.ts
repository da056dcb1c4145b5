/** Milliseconds since the epoch as DateTime64(3) text ("seconds.fraction"): no time zone involved. */
export function msToDateTime64(ms: number): string {
  const whole = Math.floor(ms);
  return `${Math.floor(whole / 1000)}.${String(whole % 1000).padStart(3, '0')}`;
}

/** Microseconds since the epoch as DateTime64(6) text. */
export function microsToDateTime64(micros: number): string {
  return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
}

let lastMicros = 0;

/** Wall-clock microseconds, strictly increasing within the process: version columns never tie. */
export function nextMicros(): number {
  lastMicros = Math.max(lastMicros + 1, Date.now() * 1000);
  return lastMicros;
}
