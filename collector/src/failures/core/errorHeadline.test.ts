import { describe, expect, it } from 'vitest';
import { errorTypeOf, isGenericErrorType, typeHeadOf, typeKeyOf } from './errorHeadline.ts';

describe('errorTypeOf', () => {
  it('drops the module path of a recorded type', () => {
    expect(errorTypeOf('builtins.KeyError', '')).toBe('KeyError');
    expect(errorTypeOf('RefundLimitExceeded', 'anything')).toBe('RefundLimitExceeded');
  });

  it('reads the type a headline names when none was recorded, also after a log prefix', () => {
    expect(errorTypeOf('', 'TimeoutError: no answer')).toBe('TimeoutError');
    expect(errorTypeOf('_OTHER', '[req 1a2b] KeyError: embedding')).toBe('KeyError');
    expect(errorTypeOf('', 'the order was not found')).toBe('');
  });
});

describe('types named in the message', () => {
  it('prefers the type a message names to a generic one recorded', () => {
    expect(errorTypeOf('Error', 'ValidationError: amount must be positive')).toBe('ValidationError');
    expect(errorTypeOf('', 'Card Declined Exception: card ending 4242')).toBe('CardDeclinedException');
    expect(errorTypeOf('Error', '2026-11-02T10:00:00Z ERROR OutOfStock: SKU-1 gone')).toBe('OutOfStock');
    expect(errorTypeOf('CardDeclined', 'ValidationError: x')).toBe('CardDeclined');
    expect(errorTypeOf('TypeError', 'Note: x is undefined')).toBe('TypeError');
  });

  it('finds a type head only where a type is written', () => {
    expect(typeHeadOf('app.errors.OutOfStock: SKU-1 gone')).toEqual({ type: 'OutOfStock', length: 'app.errors.OutOfStock: '.length });
    expect(typeHeadOf('Note: the order was late')).toBeUndefined();
    expect(typeHeadOf('Error: socket hang up')).toBeUndefined();
    expect(typeHeadOf('Order ORD-1 not found')).toBeUndefined();
  });

  it('reads spellings of one type alike', () => {
    const keys = ['CardDeclinedError', 'CardDeclined', 'CardDeclinedException', 'payments.CardDeclined', 'card_declined'].map(typeKeyOf);
    expect(new Set(keys)).toEqual(new Set(['carddeclined']));
  });
});

describe('isGenericErrorType', () => {
  it('treats base classes, wrappers, HTTP codes and nothing as generic', () => {
    for (const type of ['', 'Error', 'Exception', 'TypeError', 'HTTPError', '500', '_OTHER']) expect(isGenericErrorType(type)).toBe(true);
    for (const type of ['RefundLimitExceeded', 'TimeoutError', 'RateLimitError']) expect(isGenericErrorType(type)).toBe(false);
  });
});
