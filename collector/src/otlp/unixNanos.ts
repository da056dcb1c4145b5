import { InvalidField, isLong, longToString } from './otlpFields.ts';

const MAX_UINT64 = '18446744073709551615';

/**
 * A fixed64 nanosecond time as a canonical decimal string (no leading zeros; absent is "0").
 * Nanosecond times overflow JS numbers, so they travel as strings: protobufjs yields Longs,
 * OTLP/JSON strings, and lenient senders plain numbers.
 */
export function unixNanos(value: unknown, field: string): string {
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number'
        ? Number.isInteger(value)
          ? String(value)
          : ''
        : value == null
          ? '0'
          : isLong(value)
            ? longToString(value)
            : '';
  const nanos = canonicalUint64(text);
  if (nanos === undefined) throw new InvalidField(`${field} must be an unsigned 64-bit integer, got ${JSON.stringify(value)}`);
  return nanos;
}

/** Compares canonical decimal strings without converting them to numbers. */
export function isBefore(a: string, b: string): boolean {
  return a.length !== b.length ? a.length < b.length : a < b;
}

function canonicalUint64(text: string): string | undefined {
  if (text.length === 0) return undefined;
  let firstSignificant = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    if (firstSignificant < 0 && c !== 48) firstSignificant = i;
  }
  if (firstSignificant < 0) return '0';
  const digits = firstSignificant === 0 ? text : text.slice(firstSignificant);
  if (digits.length > MAX_UINT64.length || (digits.length === MAX_UINT64.length && digits > MAX_UINT64)) return undefined;
  return digits;
}
