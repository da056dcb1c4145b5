import { describe, expect, it } from 'vitest';
import { cut } from './content.ts';

describe('cut', () => {
  it('never splits a surrogate pair at the limit', () => {
    const text = `${'a'.repeat(9)}😀 and more`;
    const result = cut(text, 10);
    expect(result.startsWith(`${'a'.repeat(9)}…[truncated`)).toBe(true);
    expect(result).not.toMatch(/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/);
    expect(cut(`${'a'.repeat(8)}😀 and more`, 10).startsWith(`${'a'.repeat(8)}😀…`)).toBe(true);
  });

  it('replaces lone surrogates with U+FFFD, cut or not', () => {
    expect(cut('a\ud800b', 100)).toBe('a\ufffdb');
    expect(cut('\udc00'.repeat(5), 3).startsWith('\ufffd'.repeat(3))).toBe(true);
  });
});
