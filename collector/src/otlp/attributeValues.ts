import { bytesToBuffer, InvalidField, isLong, listOf, longToString } from './otlpFields.ts';

/** A KeyValue or AnyValue as protobufjs decodes it or as OTLP/JSON writes it. */
interface KeyValueLike {
  key?: unknown;
  value?: unknown;
}
interface AnyValueLike {
  stringValue?: unknown;
  intValue?: unknown;
  boolValue?: unknown;
  doubleValue?: unknown;
  bytesValue?: unknown;
  arrayValue?: { values?: unknown } | null;
  kvlistValue?: { values?: unknown } | null;
}

/** Default nesting limit: deeper than any real attribute, shallow enough that recursion cannot blow the stack. */
export const DEFAULT_MAX_NESTING = 32;

const { hasOwn } = Object;

/**
 * KeyValue list → key to string value; a repeated key keeps its last value. A plain object, because
 * a prototype-less one makes decoding about 20% slower: read it by attribute name or with Object.hasOwn
 * (`record.constructor` is inherited), and note that a key spelled `__proto__` cannot be stored.
 */
export function attributesToRecord(list: unknown, field: string, maxNesting = DEFAULT_MAX_NESTING): Record<string, string> {
  const record: Record<string, string> = {};
  for (const entry of listOf(list, field)) {
    const key = (entry as KeyValueLike | null)?.key;
    if (typeof key !== 'string') throw new InvalidField(`${field} must hold {key, value} entries with string keys`);
    record[key] = anyValueToString((entry as KeyValueLike).value, maxNesting);
  }
  return record;
}

/**
 * AnyValue → string: strings as is, bools "true"/"false", ints as decimal, doubles as JS prints them,
 * bytes as base64, arrays and key-value lists as JSON. An empty AnyValue is "".
 * Members are tested with hasOwn because protobufjs puts every member's default on the prototype.
 */
export function anyValueToString(value: unknown, maxNesting = DEFAULT_MAX_NESTING): string {
  if (typeof value !== 'object' || value === null) return '';
  const any = value as AnyValueLike;
  // Fast path for the most common type: a non-empty string cannot be protobufjs's prototype default.
  const text = any.stringValue;
  if (typeof text === 'string' && text !== '') return text;
  if (hasOwn(any, 'stringValue')) return String(text);
  if (hasOwn(any, 'intValue')) return intToString(any.intValue);
  if (hasOwn(any, 'boolValue')) return isTrue(any.boolValue) ? 'true' : 'false';
  if (hasOwn(any, 'doubleValue')) return String(any.doubleValue);
  if (hasOwn(any, 'arrayValue') || hasOwn(any, 'kvlistValue')) return JSON.stringify(anyValueToPlain(any, 0, maxNesting));
  if (hasOwn(any, 'bytesValue')) return bytesToBase64(any.bytesValue);
  return '';
}

/** AnyValue → a JSON-ready value, for the members of arrays and key-value lists. */
function anyValueToPlain(value: unknown, depth: number, maxNesting: number): unknown {
  if (typeof value !== 'object' || value === null) return null;
  if (depth > maxNesting) throw new InvalidField(`attribute value is nested deeper than ${maxNesting} levels`);
  const any = value as AnyValueLike;
  if (hasOwn(any, 'stringValue')) return String(any.stringValue);
  if (hasOwn(any, 'intValue')) {
    const text = intToString(any.intValue);
    const number = Number(text);
    // Beyond 2^53 a JSON number would round: keep the exact digits as a string instead.
    return Number.isSafeInteger(number) ? number : text;
  }
  if (hasOwn(any, 'boolValue')) return isTrue(any.boolValue);
  if (hasOwn(any, 'doubleValue')) {
    // NaN and ±Infinity have no JSON number; OTLP/JSON already writes them as strings.
    return typeof any.doubleValue === 'number' && Number.isFinite(any.doubleValue) ? any.doubleValue : String(any.doubleValue);
  }
  if (hasOwn(any, 'arrayValue')) {
    const values = listOf(any.arrayValue?.values, 'arrayValue.values');
    const plain: unknown[] = new Array(values.length);
    for (let i = 0; i < values.length; i++) plain[i] = anyValueToPlain(values[i], depth + 1, maxNesting);
    return plain;
  }
  if (hasOwn(any, 'kvlistValue')) {
    // No prototype, so a `__proto__` key is kept as data rather than swapping the object's prototype.
    const plain: Record<string, unknown> = Object.create(null);
    for (const entry of listOf(any.kvlistValue?.values, 'kvlistValue.values')) {
      const key = (entry as KeyValueLike | null)?.key;
      if (typeof key !== 'string') throw new InvalidField('kvlistValue.values must hold {key, value} entries with string keys');
      plain[key] = anyValueToPlain((entry as KeyValueLike).value, depth + 1, maxNesting);
    }
    return plain;
  }
  if (hasOwn(any, 'bytesValue')) return bytesToBase64(any.bytesValue);
  return null;
}

/** int64: a Long from protobufjs; a string, or (from the OTel JS exporter) a number in OTLP/JSON. */
function intToString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(Math.trunc(value));
  return isLong(value) ? longToString(value) : '';
}

/** OTLP/JSON bytes are already base64. */
function bytesToBase64(value: unknown): string {
  if (typeof value === 'string') return value;
  return value instanceof Uint8Array ? bytesToBuffer(value).toString('base64') : '';
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}
