import { describe, expect, it } from 'vitest';
import { classifyStoreError } from './storeErrors.ts';

describe('classifyStoreError', () => {
  it('retries overload, limits, timeouts and network trouble from either backend', () => {
    expect(classifyStoreError({ clickhouseCode: 252, message: 'Too many parts (300)' })).toEqual({ reason: 'overloaded', retryable: true });
    expect(classifyStoreError({ clickhouseCode: 241, message: 'Memory limit exceeded' })).toEqual({
      reason: 'overloaded',
      retryable: true,
    });
    expect(classifyStoreError({ code: '159', type: 'TIMEOUT_EXCEEDED', message: 'Timeout exceeded' }).retryable).toBe(true);
    expect(classifyStoreError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:8123' })).toEqual({
      reason: 'unreachable',
      retryable: true,
    });
    expect(classifyStoreError({ code: 'ECONNRESET', message: 'socket hang up' }).retryable).toBe(true);
    expect(classifyStoreError(new Error('Timeout error.'))).toEqual({ reason: 'unreachable', retryable: true });
    expect(classifyStoreError({ clickhouseCode: 243, message: 'Cannot reserve 1.00 MiB, not enough space' })).toEqual({
      reason: 'no_space',
      retryable: true,
    });
    expect(classifyStoreError(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }))).toEqual({
      reason: 'no_space',
      retryable: true,
    });
  });

  it('never retries rows the engine cannot parse or place, nor statements it rejects', () => {
    expect(classifyStoreError({ clickhouseCode: 62, message: 'Syntax error' })).toEqual({ reason: 'bad_statement', retryable: false });
    expect(classifyStoreError({ code: '53', type: 'TYPE_MISMATCH', message: 'Type mismatch' })).toEqual({
      reason: 'bad_row',
      retryable: false,
    });
    expect(classifyStoreError({ code: '60', type: 'UNKNOWN_TABLE', message: 'Unknown table' }).retryable).toBe(false);
    expect(classifyStoreError(new Error('Code: 27. DB::Exception: Cannot parse input'))).toEqual({ reason: 'bad_row', retryable: false });
    expect(classifyStoreError({ clickhouseCode: 33, message: 'Cannot read all data. Bytes read: 3. Bytes expected: 5' })).toEqual({
      reason: 'bad_row',
      retryable: false,
    });
    expect(classifyStoreError({ clickhouseCode: 32, message: 'Attempt to read after eof' }).reason).toBe('bad_row');
    expect(classifyStoreError({ clickhouseCode: 252, message: 'Too many partitions for single INSERT block (more than 100)' })).toEqual({
      reason: 'too_many_partitions',
      retryable: false,
    });
  });

  it('keeps what it cannot place, retrying rather than dropping', () => {
    expect(classifyStoreError(new TypeError('x is undefined'))).toEqual({ reason: 'other', retryable: true });
  });
});
