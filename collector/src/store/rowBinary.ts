/**
 * Rows in ClickHouse's RowBinary format, written straight into one growing buffer: each value in
 * column order, strings as a LEB128 byte length and their UTF-8 bytes, DateTime64 as the Int64
 * count of its ticks. The engine reads it without parsing text: for the many-row inserts whose
 * TabSeparated parsing was most of their cost. A lone surrogate is written as U+FFFD, as Buffer
 * encodes it, so a string's length and bytes always agree.
 */
export class RowBinaryWriter {
  private buffer: Buffer;
  private at = 0;

  constructor(expectedBytes = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(expectedBytes);
  }

  string(value: string): void {
    // Three bytes per UTF-16 unit at most: short strings skip measuring and take a one-byte length.
    const most = value.length * 3;
    this.room(most + 5);
    if (most < 128) {
      const length = this.buffer.write(value, this.at + 1);
      this.buffer[this.at] = length;
      this.at += 1 + length;
      return;
    }
    let length = Buffer.byteLength(value);
    while (length >= 128) {
      this.buffer[this.at++] = (length & 0x7f) | 0x80;
      length >>>= 7;
    }
    this.buffer[this.at++] = length;
    this.at += this.buffer.write(value, this.at);
  }

  /** A DateTime64 as its ticks (milliseconds for DateTime64(3), microseconds for (6)): a whole number below 2^53. */
  dateTime64(ticks: number): void {
    this.room(8);
    this.buffer.writeUInt32LE(ticks % 0x1_0000_0000, this.at);
    this.buffer.writeInt32LE(Math.floor(ticks / 0x1_0000_0000), this.at + 4);
    this.at += 8;
  }

  /** The rows written, sharing this writer's memory. */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.at);
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(larger, 0, 0, this.at);
    this.buffer = larger;
  }
}
