let lastMicros = 0;

/**
 * Now as DateTime64(6) text ("seconds.micros" since the epoch, which ClickHouse reads in any time
 * zone). Strictly increasing within the process, so events written in one request keep their order.
 */
export function nowMicrosText(): string {
  lastMicros = Math.max(Date.now() * 1000, lastMicros + 1);
  return `${Math.floor(lastMicros / 1e6)}.${String(lastMicros % 1e6).padStart(6, '0')}`;
}

/** Milliseconds since the epoch (as stored queries return them, often as strings) → ISO 8601. */
export function isoFromMs(ms: string | number): string {
  return new Date(Number(ms)).toISOString();
}
