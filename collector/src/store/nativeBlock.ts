import { RowBinaryWriter } from './rowBinary.ts';

/** LowCardinality's serialization version that carries a granule's keys with it (SharedDictionariesWithAdditionalKeys). */
const KEYS_WITH_EACH_PART = 1;
/** The flag of a granule whose keys follow its flags; the low byte says the index width (0: UInt8, 1: UInt16, 2: UInt32). */
const HAS_ADDITIONAL_KEYS = 1 << 9;

/**
 * One block of ClickHouse's Native format, the engine's own columnar layout: the column and row
 * counts, then each column whole, as its name, its type and its values (a string as a LEB128 byte
 * length and its UTF-8 bytes, a DateTime64 as the Int64 count of its ticks, as RowBinary writes
 * them). The engine reads a column's values in one loop rather than row by row, value by value:
 * a clustering pass's membership insert took about a third less of its CPU than as RowBinary.
 * A column of few distinct values can go as LowCardinality(String): its dictionary once, then an
 * index per row, so neither this side nor the engine handles the same string once a row.
 */
export class NativeBlockWriter {
  private readonly values: RowBinaryWriter;
  private started = 0;

  /** `columns`: the names of the block's columns, in the order they are written (and inserted). */
  constructor(
    private readonly columns: readonly string[],
    private readonly rows: number,
    expectedBytes?: number,
  ) {
    this.values = new RowBinaryWriter(expectedBytes);
    this.values.count(columns.length);
    this.values.count(rows);
  }

  /** Starts the next column, which must be the next of `columns`: its `rows` values, in row order, go to the writer returned. */
  column(name: string, type: 'String' | 'DateTime64(3)' | 'DateTime64(6)'): RowBinaryWriter {
    return this.start(name, type);
  }

  private start(name: string, type: string): RowBinaryWriter {
    const expected = this.columns[this.started++];
    if (expected === undefined) throw new Error(`a Native block of ${this.columns.length} columns got a column ${name} more`);
    if (name !== expected) throw new Error(`a Native block's column ${this.started} is ${expected}, not ${name}`);
    this.values.string(name);
    this.values.string(type);
    return this.values;
  }

  /**
   * The next column as LowCardinality(String), `valueAt(row)` its value in each row, as the engine
   * writes one itself (inserted into a String column, it is converted): the serialization's
   * version (1, keys with each part), then a single granule: its flags (the index width, and that
   * its keys follow), its keys (the empty string first, the default), the row count and one index
   * per row, each as narrow as the keys allow. No rows, no values, as the engine reads a block.
   */
  lowCardinality(name: string, valueAt: (row: number) => string): void {
    const values = this.start(name, 'LowCardinality(String)');
    const { rows } = this;
    if (rows === 0) return;
    const keys = [''];
    const indexOf = new Map<string, number>([['', 0]]);
    const indexes = new Uint32Array(rows);
    for (let row = 0; row < rows; row++) {
      const value = valueAt(row);
      let index = indexOf.get(value);
      if (index === undefined) {
        index = keys.length;
        keys.push(value);
        indexOf.set(value, index);
      }
      indexes[row] = index;
    }
    const width = keys.length <= 0x100 ? 0 : keys.length <= 0x1_0000 ? 1 : 2;
    values.int64(KEYS_WITH_EACH_PART);
    values.int64(width | HAS_ADDITIONAL_KEYS);
    values.int64(keys.length);
    for (let key = 0; key < keys.length; key++) values.string(keys[key]!);
    values.int64(rows);
    // Typed arrays are in the host's byte order, little-endian as Native's on every platform Node runs on.
    const narrow = width === 0 ? Uint8Array.from(indexes) : width === 1 ? Uint16Array.from(indexes) : indexes;
    values.raw(Buffer.from(narrow.buffer, narrow.byteOffset, narrow.byteLength));
  }

  /** The block, sharing this writer's memory. */
  bytes(): Buffer {
    if (this.started !== this.columns.length) throw new Error(`a Native block of ${this.columns.length} columns got ${this.started}`);
    return this.values.bytes();
  }
}
