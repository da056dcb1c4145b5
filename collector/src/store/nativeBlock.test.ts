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
