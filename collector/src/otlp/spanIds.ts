import { bytesToBuffer, InvalidField } from './otlpFields.ts';

/**
 * A trace or span id as lowercase hex. Protobuf carries ids as bytes; OTLP/JSON as hex strings
 * (not base64, unlike other bytes fields). Throws when the id is not `byteLength` bytes or all zero,
 * which OTLP defines as invalid.
 */
export function requiredIdHex(value: unknown, byteLength: number, field: string): string {
  const hex = idHex(value, byteLength);
  if (hex === undefined) throw new InvalidField(`${field} must be ${byteLength} bytes, got ${describeId(value)}`);
  if (isAllZero(hex)) throw new InvalidField(`${field} must not be all zero`);
  return hex;
}

/** parent_span_id: empty, or all zero as some senders write it, means a root span. */
export function optionalIdHex(value: unknown, byteLength: number, field: string): string {
  if (value == null || (value as { length?: unknown }).length === 0) return '';
  const hex = idHex(value, byteLength);
  if (hex === undefined) throw new InvalidField(`${field} must be empty or ${byteLength} bytes, got ${describeId(value)}`);
  return isAllZero(hex) ? '' : hex;
}

function idHex(value: unknown, byteLength: number): string | undefined {
  if (typeof value === 'string') return value.length === byteLength * 2 ? lowercaseHex(value) : undefined;
  if (value instanceof Uint8Array && value.length === byteLength) return bytesToBuffer(value).toString('hex');
  return undefined;
}

/** The string itself when it is lowercase hex (the usual case: no copy), lowercased when it has A-F. */
function lowercaseHex(text: string): string | undefined {
  let hasUppercase = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 102)) continue;
    if (c >= 65 && c <= 70) hasUppercase = true;
    else return undefined;
  }
  return hasUppercase ? text.toLowerCase() : text;
}

function isAllZero(hex: string): boolean {
  for (let i = 0; i < hex.length; i++) if (hex.charCodeAt(i) !== 48) return false;
  return true;
}

function describeId(value: unknown): string {
  if (value == null) return '0';
  // protobufjs reads an absent bytes field as its default, an empty array.
  if (value instanceof Uint8Array || Array.isArray(value)) return String(value.length);
  if (typeof value !== 'string') return `a ${typeof value}`;
  if (value.length % 2 === 0 && lowercaseHex(value) !== undefined) return String(value.length / 2);
  return `${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}, which is not hex`;
}
