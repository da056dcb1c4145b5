import { describe, expect, it } from 'vitest';
import { RowBinaryWriter } from './rowBinary.ts';

describe('RowBinaryWriter', () => {
  it('writes a string as its UTF-8 byte length (LEB128) and bytes, one length byte up to 127', () => {
    const rows = new RowBinaryWriter(4);
    rows.string('é');
    rows.string('x'.repeat(127));
    rows.string('y'.repeat(128));
    const bytes = rows.bytes();
    expect([...bytes.subarray(0, 3)]).toEqual([2, 0xc3, 0xa9]);
    expect(bytes[3]).toBe(127);
    expect([...bytes.subarray(131, 133)]).toEqual([0x80, 0x01]);
    expect(bytes.length).toBe(3 + 128 + 130);
  });

  it('writes a lone surrogate as U+FFFD, its length counting those bytes', () => {
    for (const text of ['\ud800', `${'a'.repeat(60)}\ud800`]) {
      const rows = new RowBinaryWriter();
      rows.string(text);
      const bytes = rows.bytes();
      expect(bytes.subarray(bytes.length - 3).toString('hex')).toBe('efbfbd');
      expect(bytes[0]).toBe(bytes.length - 1);
    }
  });

  it('writes a DateTime64 as its ticks, a little-endian Int64, past 2^32', () => {
    const rows = new RowBinaryWriter();
    rows.dateTime64(1_764_000_000_123_456);
    expect(rows.bytes().readBigInt64LE(0)).toBe(1_764_000_000_123_456n);
  });
});
