/** Turns any value into attribute text: strings as they are, everything else as JSON where it can be. */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    // JSON.stringify gives undefined for undefined and functions; String() still says something.
    return JSON.stringify(value) ?? String(value);
  } catch {
    // Circular structures and BigInts land here; String() may throw too (a hostile toString).
    try {
      return String(value);
    } catch {
      return '[unserializable]';
    }
  }
}
