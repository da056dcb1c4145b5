/**
 * A query's result in ClickHouse's Native format (`FORMAT Native`), read column by column: blocks
 * of whole columns, each named and typed. A string is a LEB128 byte length and its UTF-8 bytes; a
 * LowCardinality(String) a dictionary, decoded once, and an index per row; integers little-endian.
 * For the large reads whose text parsing was most of their cost: no field is searched for, no
 * number is parsed from digits, and an agent, a workflow or a type is one string, not one a row.
 */

/** What a column holds: text (String or LowCardinality(String)), a flag (UInt8 or Bool) or an integer (Int64, exact below 2^53). */
export type NativeValue = 'string' | 'flag' | 'integer';

/** One block of a result: its row count and its columns, by name. */
export interface NativeBlock {
  readonly rows: number;
  strings(name: string): readonly string[];
  flags(name: string): Uint8Array;
  integers(name: string): Float64Array;
}

const TYPES_OF: Record<NativeValue, readonly string[]> = {
  string: ['String', 'LowCardinality(String)'],
  flag: ['UInt8', 'Bool'],
  integer: ['Int64'],
};

/** LowCardinality's serialization that carries a granule's keys with it (SharedDictionariesWithAdditionalKeys). */
const KEYS_WITH_EACH_PART = 1n;
const NEEDS_GLOBAL_DICTIONARY = 1 << 8;
const HAS_ADDITIONAL_KEYS = 1 << 9;
const NON_ASCII = /[\x80-\xff]/g;

/**
 * The blocks of a Native result whose columns must be `columns`, in order, each of a type its value
 * allows (a query and its reader cannot drift apart unnoticed). An empty result may have no block.
 */
export function readNativeBlocks(bytes: Uint8Array, columns: ReadonlyArray<readonly [string, NativeValue]>): NativeBlock[] {
  const reader = new NativeBytes(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const blocks: NativeBlock[] = [];
  while (!reader.done) {
    const count = reader.leb128();
    const rows = reader.leb128();
    if (count !== columns.length)
      throw new Error(
        `a Native result has ${count} columns, its reader expects ${columns.length}: ${columns.map(([name]) => name).join(', ')}`,
      );
    const values = new Map<string, readonly string[] | Uint8Array | Float64Array>();
    for (const [name, value] of columns) {
      const gotName = reader.string();
      const gotType = reader.string();
      if (gotName !== name || !TYPES_OF[value].includes(gotType))
        throw new Error(`a Native result's column is ${gotName} ${gotType}, its reader expects ${name} of ${TYPES_OF[value].join(' or ')}`);
      // A block of no rows has no values.
      if (value === 'string') values.set(name, gotType === 'String' ? reader.strings(rows) : reader.lowCardinality(rows));
      else if (value === 'flag') values.set(name, reader.uInt8s(rows));
      else values.set(name, reader.int64s(rows));
    }
    blocks.push({
      rows,
      strings: (name) => values.get(name) as readonly string[],
      flags: (name) => values.get(name) as Uint8Array,
      integers: (name) => values.get(name) as Float64Array,
    });
  }
  return blocks;
}

class NativeBytes {
  private at = 0;
  /** The bytes as one Latin-1 string: an ASCII value is a slice of it, not a call into the UTF-8 decoder. */
  private readonly latin1: string;
  /** Where the next byte past ASCII is (Infinity when none): a string ending before it is ASCII. */
  private nextNonAscii: number;

  constructor(private readonly bytes: Buffer) {
    this.latin1 = bytes.toString('latin1');
    this.nextNonAscii = this.nonAsciiFrom(0);
  }

  get done(): boolean {
    return this.at >= this.bytes.length;
  }

  leb128(): number {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      if (this.at >= this.bytes.length) throw new RangeError('a Native length runs past the end');
      const byte = this.bytes[this.at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  }

  string(): string {
    const length = this.leb128();
    const start = this.at;
    const end = start + length;
    if (end > this.bytes.length) throw new RangeError(`a Native string of ${length} bytes runs past the end`);
    this.at = end;
    if (length === 0) return '';
    // Lengths, indexes and integers between strings are often past ASCII: look again from here.
    if (this.nextNonAscii < start) this.nextNonAscii = this.nonAsciiFrom(start);
    return this.nextNonAscii >= end ? this.latin1.slice(start, end) : this.bytes.toString('utf8', start, end);
  }

  strings(rows: number): string[] {
    const values = new Array<string>(rows);
    for (let row = 0; row < rows; row++) values[row] = this.string();
    return values;
  }

  lowCardinality(rows: number): string[] {
    if (rows === 0) return [];
    if (this.uInt64() !== KEYS_WITH_EACH_PART)
      throw new Error('a Native LowCardinality column of a serialization this reader does not know');
    const flags = Number(this.uInt64());
    if ((flags & NEEDS_GLOBAL_DICTIONARY) !== 0 || (flags & HAS_ADDITIONAL_KEYS) === 0)
      throw new Error('a Native LowCardinality column without its keys');
    const keys = this.strings(Number(this.uInt64()));
    const count = Number(this.uInt64());
    if (count !== rows) throw new Error(`a Native LowCardinality column of ${count} rows in a block of ${rows}`);
    const width = 2 ** (flags & 0xff);
    if (width > 4) throw new Error('a Native LowCardinality column of 8-byte indexes');
    this.need(rows * width);
    const { bytes } = this;
    const values = new Array<string>(rows);
    for (let row = 0, at = this.at; row < rows; row++, at += width) {
      const index = width === 1 ? bytes[at]! : width === 2 ? bytes.readUInt16LE(at) : bytes.readUInt32LE(at);
      const key = keys[index];
      if (key === undefined) throw new RangeError(`a Native LowCardinality index ${index} past its ${keys.length} keys`);
      values[row] = key;
    }
    this.at += rows * width;
    return values;
  }

  uInt8s(rows: number): Uint8Array {
    this.need(rows);
    const values = this.bytes.subarray(this.at, this.at + rows);
    this.at += rows;
    return values;
  }

  int64s(rows: number): Float64Array {
    this.need(rows * 8);
    const { bytes } = this;
    const values = new Float64Array(rows);
    for (let row = 0, at = this.at; row < rows; row++, at += 8)
      values[row] = bytes.readUInt32LE(at) + bytes.readInt32LE(at + 4) * 0x1_0000_0000;
    this.at += rows * 8;
    return values;
  }

  private uInt64(): bigint {
    this.need(8);
    const value = this.bytes.readBigUInt64LE(this.at);
    this.at += 8;
    return value;
  }

  private need(bytes: number): void {
    if (this.at + bytes > this.bytes.length) throw new RangeError('a Native column runs past the end');
  }

  private nonAsciiFrom(from: number): number {
    NON_ASCII.lastIndex = from;
    return NON_ASCII.exec(this.latin1) ? NON_ASCII.lastIndex - 1 : Infinity;
  }
}
