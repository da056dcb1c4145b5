import { describe, expect, it } from 'vitest';
import { headlineOf } from './errorHeadline.ts';

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
