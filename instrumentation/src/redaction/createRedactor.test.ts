import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRedactor } from './createRedactor.ts';

const redact = createRedactor();

describe('createRedactor', () => {
  it('replaces emails, card numbers and credentials, and keeps the rest of the text', () => {
    const text = [
      'Customer jane.doe+orders@example.co.uk paid with 4111 1111 1111 1111 for ORD-8812.',
      'Use key sk-proj-AbCdEf0123456789XyZ0aBcD and AKIAIOSFODNN7EXAMPLE,',
      'token ghp_0123456789abcdefghijklmnopqrstuvwxyzAB, Authorization: Bearer abcdef0123456789ABCDEF.',
      'config: password=hunter22 api_key: "q1w2e3r4t5"',
    ].join(' ');

    expect(redact(text)).toBe(
      [
        'Customer [REDACTED:email] paid with [REDACTED:card] for ORD-8812.',
        'Use key [REDACTED:secret] and [REDACTED:secret],',
        'token [REDACTED:secret], Authorization: Bearer [REDACTED:secret].',
        'config: password=[REDACTED:secret] api_key: "[REDACTED:secret]"',
      ].join(' '),
    );
  });

  it('leaves long numbers that are not card numbers (they fail the Luhn check), such as order ids', () => {
    expect(redact('tracking 1234 5678 9012 3456, order 4111111111111112')).toBe('tracking 1234 5678 9012 3456, order 4111111111111112');
  });

  it('never lets an e-mail address through, wherever it sits in the text', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.string(), fc.string(), (email, before, after) => {
        expect(redact(`${before} ${email} ${after}`)).not.toContain(email);
      }),
    );
  });

  it('redacts every Luhn-valid card number, however it is grouped', () => {
    const cardNumber = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 15, maxLength: 15 }).map((digits) => {
      const check = (10 - (luhnSum([...digits, 0]) % 10)) % 10;
      return [...digits, check].join('');
    });
    fc.assert(
      fc.property(cardNumber, fc.constantFrom('', ' ', '-'), (digits, separator) => {
        const grouped = digits.match(/.{4}/g)!.join(separator);
        expect(redact(`card: ${grouped}.`)).toBe('card: [REDACTED:card].');
      }),
    );
  });

  it('applies patterns of your own after the built-in rules, and only the built-in rules you list', () => {
    const custom = createRedactor({
      builtIn: ['email'],
      patterns: [
        { name: 'order', pattern: 'ORD-\\d{4}' },
        { name: 'ticket', pattern: /TCK-\d+/ },
      ],
    });
    expect(custom('ORD-8812 and ORD-1234 for a@b.io, card 4111111111111111, TCK-55')).toBe(
      '[REDACTED:order] and [REDACTED:order] for [REDACTED:email], card 4111111111111111, [REDACTED:ticket]',
    );
  });

  it('can be turned off', () => {
    expect(createRedactor(false)('a@b.io sk-proj-AbCdEf0123456789XyZ0aBcD')).toBe('a@b.io sk-proj-AbCdEf0123456789XyZ0aBcD');
  });
});

function luhnSum(digits: number[]): number {
  return digits
    .slice()
    .reverse()
    .reduce((sum, digit, i) => sum + (i % 2 === 1 ? (digit * 2 > 9 ? digit * 2 - 9 : digit * 2) : digit), 0);
}
