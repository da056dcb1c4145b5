import { describe, expect, it } from 'vitest';
import { idChunks, MAX_ID_LIST_CHARS } from './idChunks.ts';

describe('idChunks', () => {
  it('cuts a long id list in order into lists that each fit one parameter, written as the engine reads them', () => {
    const ids = Array.from({ length: 30_000 }, (_, i) => `0123456789abcdef0123456789abcdef-${i}`);
    const chunks = idChunks(ids);
    expect(chunks.flat()).toEqual(ids);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks)
      expect(`[${chunk.map((id) => `'${id.replace(/[\\']/g, '\\$&')}'`).join(',')}]`.length).toBeLessThanOrEqual(MAX_ID_LIST_CHARS);
  });

  it('keeps a short list whole, an id too long for a list of its own alone, and gives nothing for nothing', () => {
    expect(idChunks(['a', 'b'])).toEqual([['a', 'b']]);
    expect(idChunks(['a', 'x'.repeat(100), 'b'], 50)).toEqual([['a'], ['x'.repeat(100)], ['b']]);
    expect(idChunks([])).toEqual([]);
  });
});
