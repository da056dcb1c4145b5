/**
 * Rows in ClickHouse's RowBinary format, written straight into one growing buffer: each value in
 * column order, strings as a LEB128 byte length and their UTF-8 bytes, DateTime64 as the Int64
 * count of its ticks, arrays and maps as a LEB128 count and their items. The engine reads it
 * without parsing text: for the many-row inserts whose text parsing was most of their cost. A
 * lone surrogate is written as U+FFFD, as Buffer encodes it, so a string's length and bytes
 * always agree.
 */
export class RowBinaryWriter {
  private buffer: Buffer;
  private at = 0;

  constructor(expectedBytes = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(expectedBytes);
  }

  string(value: string): void {
    const units = value.length;
    // Three bytes per UTF-16 unit at most: room for the longest encoding and its length.
    this.room(units * 3 + 5);
    const { buffer, at } = this;
    // Short ASCII, the most common value (names, ids, kinds), byte by byte: cheaper than a call into the encoder.
    if (units <= 32) {
      let unit = 0;
      for (; unit < units; unit++) {
        const code = value.charCodeAt(unit);
        if (code >= 0x80) break;
        buffer[at + 1 + unit] = code;
      }
      if (unit === units) {
        buffer[at] = units;
        this.at = at + 1 + units;
        return;
      }
    }
    // Up to 16,383 bytes the length takes one or two bytes. Fewer than 128 units most likely make
    // fewer than 128 bytes: write after one, and make room for a second only if they did not; from
    // 128 units on the length takes two.
    if (units < 128) {
      const length = buffer.write(value, at + 1);
      if (length < 128) {
        buffer[at] = length;
        this.at = at + 1 + length;
        return;
      }
      buffer.copyWithin(at + 2, at + 1, at + 1 + length);
      buffer[at] = (length & 0x7f) | 0x80;
      buffer[at + 1] = length >>> 7;
      this.at = at + 2 + length;
      return;
    }
    if (units * 3 < 16_384) {
      const length = buffer.write(value, at + 2);
      buffer[at] = (length & 0x7f) | 0x80;
      buffer[at + 1] = length >>> 7;
      this.at = at + 2 + length;
      return;
    }
    this.leb128(Buffer.byteLength(value));
    this.at += this.buffer.write(value, this.at);
  }

  /** The item count that opens an Array or a Map. */
  count(items: number): void {
    this.room(5);
    this.leb128(items);
  }

  /** An Array: its count, then each item as `writeItem` writes it (a function made once, not per row). */
  array<Item>(items: readonly Item[], writeItem: (rows: RowBinaryWriter, item: Item) => void): void {
    this.count(items.length);
    for (const item of items) writeItem(this, item);
  }

  /** A Map(String, String) (LowCardinality keys are written as plain strings). */
  stringMap(map: Readonly<Record<string, string>>): void {
    const keys = Object.keys(map);
    this.count(keys.length);
    for (const key of keys) {
      this.string(key);
      this.string(map[key]!);
    }
  }

  /** A UInt64, or the ticks of a DateTime64(9), from its decimal digits (they overflow JS numbers). */
  uInt64(digits: string): void {
    this.room(8);
    this.buffer.writeBigUInt64LE(BigInt(digits), this.at);
    this.at += 8;
  }

  /** A DateTime64 as its ticks (milliseconds for DateTime64(3), microseconds for (6)): a whole number below 2^53. */
  dateTime64(ticks: number): void {
    this.int64(ticks);
  }

  /** An Int64 (or a UInt64 below 2^53) from a whole number of magnitude below 2^53, negative ones too. */
  int64(value: number): void {
    this.room(8);
    const high = Math.floor(value / 0x1_0000_0000);
    this.buffer.writeUInt32LE(value - high * 0x1_0000_0000, this.at);
    this.buffer.writeInt32LE(high, this.at + 4);
    this.at += 8;
  }

  /** Bytes of values written elsewhere, copied as they are. */
  raw(bytes: Buffer): void {
    this.room(bytes.length);
    this.at += bytes.copy(this.buffer, this.at);
  }

  /** The rows written, sharing this writer's memory. */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.at);
  }

  private leb128(value: number): void {
    while (value >= 128) {
      this.buffer[this.at++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    this.buffer[this.at++] = value;
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(larger, 0, 0, this.at);
    this.buffer = larger;
  }
}

/** Reads back what RowBinaryWriter wrote, value by value: for the rare paths that need a row's values or its end. */
export class RowBinaryReader {
  constructor(
    private readonly bytes: Buffer,
    public at = 0,
  ) {}

  get done(): boolean {
    return this.at >= this.bytes.length;
  }

  string(): string {
    const length = this.count();
    const end = this.at + length;
    if (end > this.bytes.length) throw new RangeError(`RowBinary string of ${length} bytes runs past the end`);
    const value = this.bytes.toString('utf8', this.at, end);
    this.at = end;
    return value;
  }

  count(): number {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      if (this.at >= this.bytes.length) throw new RangeError('RowBinary length runs past the end');
      const byte = this.bytes[this.at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  }

  stringMap(): Record<string, string> {
    const map: Record<string, string> = {};
    for (let items = this.count(); items > 0; items--) {
      const key = this.string();
      map[key] = this.string();
    }
    return map;
  }

  /** A UInt64 as its decimal digits. */
  uInt64(): string {
    if (this.at + 8 > this.bytes.length) throw new RangeError('RowBinary UInt64 runs past the end');
    const value = this.bytes.readBigUInt64LE(this.at);
    this.at += 8;
    return value.toString();
  }
}
