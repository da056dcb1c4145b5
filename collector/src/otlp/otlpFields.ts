/**
 * Checks shared by both encodings: protobufjs messages are already well typed, but OTLP/JSON
 * arrives as whatever the sender wrote, so every field is read as `unknown` and checked here.
 */
import protobuf, { type Long } from 'protobufjs';

/**
 * Why one field makes its span (or resource) unusable. Deliberately not an Error: it never leaves
 * this folder, and capturing a stack trace per bad span would make a flood of bad spans slow.
 */
export class InvalidField {
  constructor(readonly reason: string) {}
}

const EMPTY: readonly unknown[] = [];

/** A repeated field: absent is empty (protobufjs and JSON both omit empty lists). */
export function listOf(value: unknown, field: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (value == null) return EMPTY;
  throw new InvalidField(`${field} must be a list, got ${typeof value}`);
}

/** A message in a repeated field, such as a span or an event. */
export function objectOf<T extends object>(value: unknown, field: string): T {
  if (typeof value === 'object' && value !== null) return value as T;
  throw new InvalidField(`${field} must be an object, got ${value === null ? 'null' : typeof value}`);
}

/** A string field: absent is empty, as in proto3. */
export function stringOf(value: unknown, field: string): string {
  if (typeof value === 'string') return value;
  if (value == null) return '';
  throw new InvalidField(`${field} must be a string, got ${typeof value}`);
}

/** A Buffer view (no copy) of a bytes field: protobufjs hands out Buffers when decoding a Buffer, else Uint8Arrays. */
export function bytesToBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** protobufjs decodes 64-bit fields as Long objects. */
export function isLong(value: unknown): value is Long {
  return value instanceof protobuf.util.Long;
}

/** Exact decimal of a Long, through BigInt: about 7× faster than Long's own toString for nanosecond times. */
export function longToString(value: Long): string {
  const bits = (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
  return (value.unsigned ? bits : BigInt.asIntN(64, bits)).toString();
}
