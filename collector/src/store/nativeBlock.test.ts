import { describe, expect, it } from 'vitest';
import { NativeBlockWriter } from './nativeBlock.ts';

describe('NativeBlockWriter', () => {
  it('writes the counts, then each column as its name, its type and its values', () => {
    const block = new NativeBlockWriter(['Name', 'At'], 2);
    const names = block.column('Name', 'String');
    names.string('a');
    names.string('bc');
    block.column('At', 'DateTime64(3)').dateTime64(1);
    expect([...block.bytes().subarray(0, 2)]).toEqual([2, 2]);
    expect(block.bytes().subarray(2, 16).toString('latin1')).toBe('\x04Name\x06String\x01a');
  });

  it('writes a LowCardinality column as its dictionary, the empty key first, then an index per row as narrow as the keys allow', () => {
    const block = new NativeBlockWriter(['Kind'], 3);
    block.lowCardinality('Kind', (row) => ['b', 'a', 'b'][row]!);
    const bytes = block.bytes();
    const header = '\x01\x03\x04Kind\x16LowCardinality(String)';
    expect(bytes.subarray(0, header.length).toString('latin1')).toBe(header);
    const values = bytes.subarray(header.length);
    // Version 1; flags: UInt8 indexes, keys follow; 3 keys ('', 'b', 'a'); 3 rows; their indexes.
    expect([values.readBigUInt64LE(0), values.readBigUInt64LE(8), values.readBigUInt64LE(16)]).toEqual([1n, 0x200n, 3n]);
    expect(values.subarray(24, 29).toString('latin1')).toBe('\x00\x01b\x01a');
    expect(values.readBigUInt64LE(29)).toBe(3n);
    expect([...values.subarray(37)]).toEqual([1, 2, 1]);
  });

  it("widens a LowCardinality column's indexes to two bytes past 256 keys, and writes no values for no rows", () => {
    const wide = new NativeBlockWriter(['Id'], 300);
    wide.lowCardinality('Id', (row) => `id-${row}`);
    const values = wide.bytes().subarray('\x01\x01\x02Id\x16LowCardinality(String)'.length + 1);
    expect(values.readBigUInt64LE(8)).toBe(0x201n);
    expect(values.readBigUInt64LE(16)).toBe(301n);
    expect(wide.bytes().readUInt16LE(wide.bytes().length - 2)).toBe(300);
    const empty = new NativeBlockWriter(['Id'], 0);
    empty.lowCardinality('Id', () => 'never');
    expect(empty.bytes().toString('latin1')).toBe('\x01\x00\x02Id\x16LowCardinality(String)');
  });

  it('refuses a block with a column more or less than it declared, or out of its order, rather than write one the engine misreads', () => {
    const short = new NativeBlockWriter(['Name', 'At'], 0);
    short.column('Name', 'String');
    expect(() => short.bytes()).toThrow(/2 columns got 1/);
    const long = new NativeBlockWriter(['Name'], 0);
    long.column('Name', 'String');
    expect(() => long.column('At', 'DateTime64(3)')).toThrow(/got a column At more/);
    expect(() => new NativeBlockWriter(['Name', 'At'], 0).column('At', 'DateTime64(3)')).toThrow(/column 1 is Name, not At/);
  });
});
