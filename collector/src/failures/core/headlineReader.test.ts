import { describe, expect, it } from 'vitest';
import { namedTypeOf } from './errorHeadline.ts';
import { HeadlineReader } from './headlineReader.ts';
import { templateTokensOf } from './tokens.ts';

/** What parsing a headline afresh gives: what the reader must hand back, remembered or not. */
const parsedAfresh = (headline: string) => ({
  tokens: templateTokensOf(headline.replace(/[0-9]/g, '0')),
  namedType: namedTypeOf(headline),
});

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

  it('parses headlines that differ only in a request id, a transaction id or a UUID standing alone once', () => {
    const reader = new HeadlineReader();
    const request = reader.parse('[req ebf0d672] jwt expired 3376 seconds ago');
    expect(reader.parse('[req 8A36D191] jwt expired 1931 seconds ago')).toBe(request);
    const transaction = reader.parse('deadlock detected, transaction cc6a34373a59 rolled back');
    expect(reader.parse('deadlock detected, transaction 9f30903287a6e1 rolled back')).toBe(transaction);
    const uuid = reader.parse('no reply (request id 002703ef-2d58-40ec-a5c0-544466ab6581).');
    expect(reader.parse('no reply (request id a4b4ae18-5ef7-42d3-ae02-2807a6fa6e45).')).toBe(uuid);
    // Not an id: no letter, or no digit, or too short.
    expect(reader.parse('deadlock detected, transaction 123456789012 rolled back')).not.toBe(transaction);
    expect(reader.parse('deadlock detected, transaction deadbeefcafe rolled back')).not.toBe(transaction);
    expect(reader.parse('[req ebf0d67] jwt expired 3376 seconds ago')).not.toBe(request);
  });

  it.each([
    ['after a currency sign', '$ abcdef12 refunded', '$ 12abcdef refunded'],
    ['after a number’s point', 'version 1.2345678a rejected', 'version 1.abcdef12 rejected'],
    ['as a URL’s scheme', 'fetch abcdef12://host failed', 'fetch 12abcdef://host failed'],
    ['before an e-mail’s @', 'no user abcdef12@example.com', 'no user 12abcdef@example.com'],
    ['as a file name', 'crashed in abcdef12.js:10', 'crashed in 12abcdef.js:10'],
    ['as a type at the head', 'Ba12Cdef : card declined', 'ba12cdef : card declined'],
    ['inside a path', 'missing /tmp/abcdef12/x', 'missing /tmp/12abcdef/x'],
  ])('reads an id %s character by character, each headline parsed as itself', (_where, first, second) => {
    const reader = new HeadlineReader();
    const a = reader.parse(first);
    const b = reader.parse(second);
    expect(b).not.toBe(a);
    expect(a).toMatchObject(parsedAfresh(first));
    expect(b).toMatchObject(parsedAfresh(second));
  });

  it('hands back what parsing afresh gives, for ids in every context a mask, a log prefix or a type reads (20,000 generated pairs)', () => {
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const hexId = (): string => {
      const id = Array.from({ length: 8 + Math.floor(random() * 8) }, () => pick([...'0123456789abcdefABCDEF'])).join('');
      return /\d/.test(id) && /[a-f]/i.test(id) ? id : hexId();
    };
    const uuid = () => [8, 4, 4, 4, 12].map((length) => Array.from({ length }, () => pick([...'0123456789abcdef'])).join('')).join('-');
    const before = [
      '',
      ' ',
      '(',
      '[req ',
      '$ ',
      '$',
      '1.',
      '1,',
      'x=',
      '#',
      "'",
      '"',
      'id:',
      '/',
      'a-',
      '@',
      'Error: ',
      '€ ',
      '12:34:',
      'http://x/',
      '5 ',
      '2024-01-01 ',
      '<',
      '+',
      '0x',
      'v',
    ];
    const after = [
      ' ',
      '',
      ')',
      ']',
      ',',
      ';',
      '.',
      ':',
      ' :',
      '://x',
      '@x.com',
      '.js:10',
      '-1234',
      'ms',
      ' ms',
      ' USD',
      ' B',
      'd',
      '%',
      "'",
      '!',
      'Error:',
      '>',
      '/x',
      'g',
      ' 12',
      '.5',
      ' Gateway Error:',
      '\u00a0:',
      ' \u00a0:',
      '\v:',
      '\f :',
      '\u2003x',
    ];
    const words = ['timed out', 'CardDeclined', 'Ba12Cdef', 'ValidationError:', 'request id', ''];
    // At the very head too, and after what a log prefix or a named type reads.
    const leads = ['', ' ', 'timed out ', '2024-01-01 ', '2024-01-01T10:00:00Z ', '12:00:01 ', 'ERROR ', '[req 1] ', 'Error: ', 'Gateway '];
    let shared = 0;
    for (let pair = 0; pair < 20_000; pair++) {
      const lead = pick(leads);
      const slots = Array.from({ length: 1 + Math.floor(random() * 3) }, () => [pick(before), pick(after), pick(words)] as const);
      const fill = () =>
        slots.reduce((text, [opening, closing, word]) => `${text}${opening}${random() < 0.3 ? uuid() : hexId()}${closing} ${word} `, lead);
      const [first, second] = [fill(), fill()];
      const reader = new HeadlineReader();
      const a = reader.parse(first);
      const b = reader.parse(second);
      if (b === a) shared++;
      expect(b).toMatchObject(parsedAfresh(second));
    }
    // The pairs include many whose ids stand alone.
    expect(shared).toBeGreaterThan(500);
  });
});
