/**
 * Nanosecond times travel as decimal strings (they overflow JS numbers). ClickHouse reads a
 * DateTime64(9) from "seconds.fraction", so we split the digits rather than divide.
 */
export function nanosToDateTime64(nanos: string): string {
  const padded = nanos.padStart(10, '0');
  return `${padded.slice(0, -9)}.${padded.slice(-9)}`;
}

/** Milliseconds between two nanosecond strings, exact to the nanosecond before rounding to a double. */
export function nanosBetweenMs(startNanos: string, endNanos: string): number {
  const diff = BigInt(endNanos) - BigInt(startNanos);
  return Number(diff) / 1e6;
}
