import { describe, expect, it } from 'vitest';
import { RowBinaryReader, RowBinaryWriter } from './rowBinary.ts';

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

describe('RowBinaryReader', () => {
  it('reads back counts, maps and whole UInt64s as the writer wrote them, and refuses to read past the end', () => {
    const rows = new RowBinaryWriter(4);
    rows.count(300);
    rows.stringMap({ 'gen_ai.tool.name': 'lookup', text: 'é'.repeat(100) });
    rows.uInt64('18446744073709551615');
    rows.uInt64('1764000000123456789');
    const reader = new RowBinaryReader(rows.bytes());
    expect(reader.count()).toBe(300);
    expect(reader.stringMap()).toEqual({ 'gen_ai.tool.name': 'lookup', text: 'é'.repeat(100) });
    expect(reader.uInt64()).toBe('18446744073709551615');
    expect(reader.uInt64()).toBe('1764000000123456789');
    expect(reader.done).toBe(true);
    expect(() => reader.string()).toThrow(RangeError);
    expect(() => new RowBinaryReader(Buffer.from([5, 0x61])).string()).toThrow(/runs past the end/);
  });
});

describe('RowBinaryWriter strings of every length class', () => {
  it('reads back short and long, ASCII and not, at each length the encoding changes', () => {
    const values = [
      '',
      'a'.repeat(32),
      'a'.repeat(33),
      'aé',
      'é'.repeat(63),
      'é'.repeat(64),
      'a'.repeat(127),
      'a'.repeat(128),
      'é'.repeat(127),
      'é'.repeat(128),
      'x'.repeat(5461),
      'x'.repeat(5462),
      '🎺'.repeat(3000),
      'x'.repeat(20_000),
    ];
    const rows = new RowBinaryWriter(8);
    for (const value of values) rows.string(value);
    const reader = new RowBinaryReader(rows.bytes());
    expect(values.map(() => reader.string())).toEqual(values);
    expect(reader.done).toBe(true);
  });
});
