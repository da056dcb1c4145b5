let lastMicros = 0;

/**
 * Wall-clock microseconds since the epoch, strictly increasing within the process: version
 * columns never tie, a later pass always replaces an earlier one, and events written in one
 * request keep their order. The collector's one clock for stored times.
 */
export function nextMicros(): number {
  lastMicros = Math.max(lastMicros + 1, Date.now() * 1000);
  return lastMicros;
}

/** Now as DateTime64(6) text, from the same strictly increasing clock. */
export function nowMicrosText(): string {
  return microsToDateTime64(nextMicros());
}

/** Microseconds since the epoch as DateTime64(6) text ("seconds.micros", which ClickHouse reads in any time zone). */
export function microsToDateTime64(micros: number): string {
  return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
}

/** Milliseconds since the epoch as DateTime64(3) text ("seconds.fraction"): no time zone involved. */
export function msToDateTime64(ms: number): string {
  const whole = Math.floor(ms);
  return `${Math.floor(whole / 1000)}.${String(whole % 1000).padStart(3, '0')}`;
}

/** Milliseconds since the epoch (as stored queries return them, often as strings) → ISO 8601. */
export function isoFromMs(ms: string | number): string {
  return new Date(Number(ms)).toISOString();
}
