import { describe, expect, it } from 'vitest';
import { NativeBlockWriter } from './nativeBlock.ts';
import { readNativeBlocks } from './nativeReader.ts';
import { RowBinaryWriter } from './rowBinary.ts';

const texts = ['plain', '', 'é and “curly”, 🎺', 'x'.repeat(300), 'tab\there'];

/** A block of two columns: the texts as String, and as LowCardinality(String). */
function textBlock(values: readonly string[]): Buffer {
  const block = new NativeBlockWriter(['Text', 'Kind'], values.length);
  const writer = block.column('Text', 'String');
  for (const value of values) writer.string(value);
  block.lowCardinality('Kind', (row) => values[row]!);
  return Buffer.from(block.bytes());
}

/** A block of one column of fixed-width values, as the engine writes UInt8 and Int64. */
function fixedBlock(name: string, type: 'UInt8' | 'Int64', values: readonly number[]): Buffer {
  const writer = new RowBinaryWriter(64);
  writer.count(1);
  writer.count(values.length);
  writer.string(name);
  writer.string(type);
  if (type === 'UInt8') writer.raw(Buffer.from(values));
  else for (const value of values) writer.int64(value);
  return Buffer.from(writer.bytes());
}

describe('readNativeBlocks', () => {
  it('reads String and LowCardinality(String) columns of every block, ASCII or not, empty or long, in order', () => {
    const blocks = readNativeBlocks(Buffer.concat([textBlock(texts), textBlock(['second', 'é'])]), [
      ['Text', 'string'],
      ['Kind', 'string'],
    ]);
    expect(blocks.map((block) => block.rows)).toEqual([5, 2]);
    expect(blocks[0]!.strings('Text')).toEqual(texts);
    expect(blocks[0]!.strings('Kind')).toEqual(texts);
    expect(blocks[1]!.strings('Text')).toEqual(['second', 'é']);
    expect(blocks[1]!.strings('Kind')).toEqual(['second', 'é']);
  });

  it('reads flags and integers past 32 bits, negative ones too', () => {
    const [flags] = readNativeBlocks(fixedBlock('Flag', 'UInt8', [1, 0, 1]), [['Flag', 'flag']]);
    expect([...flags!.flags('Flag')]).toEqual([1, 0, 1]);
    const micros = [1_764_000_000_123_456, 0, -5_000_000_001];
    const [integers] = readNativeBlocks(fixedBlock('At', 'Int64', micros), [['At', 'integer']]);
    expect([...integers!.integers('At')]).toEqual(micros);
  });

  it('reads an empty result as no blocks, and a block of no rows as empty columns', () => {
    expect(readNativeBlocks(new Uint8Array(0), [['Text', 'string']])).toEqual([]);
    const [empty] = readNativeBlocks(textBlock([]), [
      ['Text', 'string'],
      ['Kind', 'string'],
    ]);
    expect(empty!.rows).toBe(0);
    expect(empty!.strings('Kind')).toEqual([]);
  });

  it("refuses a result whose columns are not the reader's, or that ends part way, saying what differs", () => {
    const bytes = textBlock(texts);
    expect(() => readNativeBlocks(bytes, [['Text', 'string']])).toThrow('a Native result has 2 columns, its reader expects 1: Text');
    expect(() =>
      readNativeBlocks(bytes, [
        ['Text', 'string'],
        ['Type', 'string'],
      ]),
    ).toThrow("a Native result's column is Kind LowCardinality(String), its reader expects Type of String or LowCardinality(String)");
    expect(() =>
      readNativeBlocks(bytes, [
        ['Text', 'integer'],
        ['Kind', 'string'],
      ]),
    ).toThrow('its reader expects Text of Int64');
    expect(() =>
      readNativeBlocks(bytes.subarray(0, bytes.length - 2), [
        ['Text', 'string'],
        ['Kind', 'string'],
      ]),
    ).toThrow(RangeError);
  });
});
