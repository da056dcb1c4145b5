import { describe, expect, it } from 'vitest';
import { HeadlineReader } from './headlineReader.ts';
import { templateTokensOf } from './tokens.ts';

describe('HeadlineReader.parse', () => {
  it('parses headlines that differ only in their digits once, and apart those that differ in anything else', () => {
    const reader = new HeadlineReader();
    const first = reader.parse('order ORD-48213 timed out after 30s');
    expect(reader.parse('order ORD-71000 timed out after 12s')).toBe(first);
    expect(reader.parse('order ORD-4821 timed out after 30s')).not.toBe(first);
    expect(reader.parse('order ORD-48213 timed out after 30m')).not.toBe(first);
    expect(first.tokens).toEqual(templateTokensOf('order ORD-00000 timed out after 00s'));
  });

  it('keeps two headlines of one hash apart, each parsed as itself', () => {
    // These two share the 30-bit digit-blind hash the reader files headlines by.
    const reader = new HeadlineReader();
    const a = reader.parse('timeout in dcbua');
    const b = reader.parse('timeout in hbaee');
    expect(b).not.toBe(a);
    expect(reader.parse('timeout in dcbua')).toBe(a);
    expect(reader.parse('timeout in hbaee')).toBe(b);
    expect(a.tokens).toEqual(templateTokensOf('timeout in dcbua'));
    expect(b.tokens).toEqual(templateTokensOf('timeout in hbaee'));
  });

  it('takes the type a message names from each headline parsed', () => {
    const reader = new HeadlineReader();
    expect(reader.parse('ValidationError: field 3 is missing').namedType).toBe('ValidationError');
    expect(reader.parse('field 3 is missing').namedType).toBe('');
  });
});
