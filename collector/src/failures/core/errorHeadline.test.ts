import { describe, expect, it } from 'vitest';
import { errorTypeOf, headlineOf, isGenericErrorType } from './errorHeadline.ts';

describe('headlineOf', () => {
  it('takes the message line of a JavaScript or Java stack trace, not its frames', () => {
    expect(headlineOf('TypeError: x is not a function\n    at run (/app/a.js:1:2)\n    at main (/app/b.js:3:4)')).toBe(
      'TypeError: x is not a function',
    );
    expect(headlineOf('java.lang.IllegalStateException: closed\n\tat com.example.A.b(A.java:12)')).toBe(
      'java.lang.IllegalStateException: closed',
    );
  });

  it('takes the exception line at the end of a Python traceback', () => {
    const traceback = 'Traceback (most recent call last):\n  File "/srv/a.py", line 3, in f\n    x = d["k"]\nKeyError: \'k\'\n';
    expect(headlineOf(traceback)).toBe("KeyError: 'k'");
  });

  it('skips leading blank lines', () => {
    expect(headlineOf('\n\n  rate limited\n')).toBe('rate limited');
  });
});

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

describe('isGenericErrorType', () => {
  it('treats base classes, wrappers, HTTP codes and nothing as generic', () => {
    for (const type of ['', 'Error', 'Exception', 'TypeError', 'HTTPError', '500', '_OTHER']) expect(isGenericErrorType(type)).toBe(true);
    for (const type of ['RefundLimitExceeded', 'TimeoutError', 'RateLimitError']) expect(isGenericErrorType(type)).toBe(false);
  });
});
