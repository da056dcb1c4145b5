import { describe, expect, it } from 'vitest';
import { decodeOtlpRequest, MAX_REJECTION_REASONS } from './index.ts';
import { AGENT_SPAN_ID, TRACE_ID } from '../testing/testSpans.ts';

// OTLP/JSON as hand-written or non-JS senders produce it, which the JS serializer never does.

const START = '1764028800000000000';
const END = '1764028801000000000';

function validSpan(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { traceId: TRACE_ID, spanId: AGENT_SPAN_ID, name: 'chat gpt-4o', startTimeUnixNano: START, endTimeUnixNano: END, ...overrides };
}

function jsonBody(spans: unknown[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'triage' } }] },
          scopeSpans: [{ scope: { name: 'hand-written' }, spans }],
        },
      ],
    }),
  );
}

describe('decodeOtlpRequest, OTLP/JSON variants', () => {
  it('reads enums written as names or as numbers', () => {
    const { spans } = decodeOtlpRequest(
      jsonBody([
        validSpan({ kind: 'SPAN_KIND_CONSUMER', status: { code: 'STATUS_CODE_ERROR', message: 'timeout' } }),
        validSpan({ kind: 4, status: { code: 1 } }),
        validSpan({ kind: 'SPAN_KIND_FROM_THE_FUTURE', status: { code: 7 } }),
      ]),
      'json',
    );
    expect(spans.map(({ kind, statusCode, statusMessage }) => [kind, statusCode, statusMessage])).toEqual([
      ['CONSUMER', 'ERROR', 'timeout'],
      ['PRODUCER', 'OK', ''],
      ['UNSPECIFIED', 'UNSET', ''],
    ]);
  });

  it('reads 64-bit integers written as strings or as numbers', () => {
    const { spans } = decodeOtlpRequest(
      jsonBody([
        validSpan({
          startTimeUnixNano: 1764028800000,
          endTimeUnixNano: '0001764028800001',
          attributes: [
            { key: 'as_number', value: { intValue: 1200 } },
            { key: 'as_string', value: { intValue: '1200' } },
            { key: 'beyond_double', value: { intValue: '9223372036854775807' } },
          ],
        }),
      ]),
      'json',
    );
    expect(spans[0]).toMatchObject({
      startTimeUnixNano: '1764028800000',
      endTimeUnixNano: '1764028800001',
      attributes: { as_number: '1200', as_string: '1200', beyond_double: '9223372036854775807' },
    });
  });

  it('lowercases hex ids and ignores fields it does not know', () => {
    const { spans, rejectedSpans } = decodeOtlpRequest(
      jsonBody([validSpan({ traceId: TRACE_ID.toUpperCase(), parentSpanId: 'EEE19B7EC3C1B174', flags: 257, futureField: { a: 1 } })]),
      'json',
    );
    expect(rejectedSpans).toBe(0);
    expect(spans[0]).toMatchObject({
      traceId: TRACE_ID,
      parentSpanId: 'eee19b7ec3c1b174',
      serviceName: 'triage',
      scopeName: 'hand-written',
    });
  });

  it('reads a root span whose parent id is all zero as having no parent', () => {
    const { spans } = decodeOtlpRequest(jsonBody([validSpan({ parentSpanId: '0000000000000000' })]), 'json');
    expect(spans[0]?.parentSpanId).toBe('');
  });

  it('accepts the proto field names in snake_case', () => {
    const body = JSON.stringify({
      resource_spans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { string_value: 'legacy' } }] },
          scope_spans: [
            {
              scope: { name: 'snake' },
              spans: [
                {
                  trace_id: TRACE_ID,
                  span_id: AGENT_SPAN_ID,
                  name: 'lookup',
                  start_time_unix_nano: START,
                  end_time_unix_nano: END,
                  attributes: [{ key: 'db.rows_returned', value: { int_value: 3 } }],
                },
              ],
            },
          ],
        },
      ],
    });
    const { spans } = decodeOtlpRequest(Buffer.from(body), 'json');
    expect(spans[0]).toMatchObject({
      spanId: AGENT_SPAN_ID,
      startTimeUnixNano: START,
      serviceName: 'legacy',
      attributes: { 'db.rows_returned': '3' },
    });
  });

  it('keeps non-ASCII text intact', () => {
    const { spans } = decodeOtlpRequest(
      jsonBody([validSpan({ name: 'résumé 📄', attributes: [{ key: 'q', value: { stringValue: 'naïve ✓' } }] })]),
      'json',
    );
    expect(spans[0]).toMatchObject({ name: 'résumé 📄', attributes: { q: 'naïve ✓' } });
  });

  it.each([
    ['an all-zero trace id', { traceId: '0'.repeat(32) }, 'trace_id must not be all zero'],
    ['a span id that is not hex', { spanId: 'not-an-id-at-all' }, 'span_id must be 8 bytes, got "not-an-id-at-all", which is not hex'],
    ['a short parent id', { parentSpanId: 'abcd' }, 'parent_span_id must be empty or 8 bytes, got 2'],
    ['no name', { name: '' }, 'name is missing'],
    ['a name that is not a string', { name: 42 }, 'name must be a string, got number'],
    ['no start time', { startTimeUnixNano: undefined }, 'start_time_unix_nano is missing'],
    ['an unparseable time', { endTimeUnixNano: 'tomorrow' }, 'end_time_unix_nano must be an unsigned 64-bit integer, got "tomorrow"'],
    ['a time beyond uint64', { endTimeUnixNano: '18446744073709551616' }, 'end_time_unix_nano must be an unsigned 64-bit integer'],
    [
      'an end before its start',
      { endTimeUnixNano: '1764028799999999999' },
      `end_time_unix_nano 1764028799999999999 is before start_time_unix_nano ${START}`,
    ],
    ['attributes as a map', { attributes: { a: 1 } }, 'attributes must be a list, got object'],
    ['a link without ids', { links: [{}] }, 'links[0].trace_id must be 16 bytes, got 0'],
    ['an event that is not an object', { events: ['retry'] }, 'events[0] must be an object, got string'],
    [
      'an event with a bad time',
      { events: [{ name: 'x', timeUnixNano: -1 }] },
      'events[0].time_unix_nano must be an unsigned 64-bit integer, got -1',
    ],
  ])('rejects a span with %s, keeping the others', (_case, overrides, reason) => {
    const decoded = decodeOtlpRequest(jsonBody([validSpan(), validSpan(overrides), validSpan()]), 'json');
    expect(decoded.spans).toHaveLength(2);
    expect(decoded.rejectedSpans).toBe(1);
    expect(decoded.rejectionReasons).toHaveLength(1);
    expect(decoded.rejectionReasons[0]).toContain(`span 1 of scope "hand-written": ${reason}`);
  });

  it('rejects spans that are not objects', () => {
    const decoded = decodeOtlpRequest(jsonBody([null, 'span', validSpan()]), 'json');
    expect(decoded.spans).toHaveLength(1);
    expect(decoded.rejectionReasons).toEqual([
      'span 0 of scope "hand-written": span must be an object, got null',
      'span 1 of scope "hand-written": span must be an object, got string',
    ]);
  });

  it('counts every rejected span but keeps only the first reasons', () => {
    const bad = Array.from({ length: 25 }, () => validSpan({ name: '' }));
    const decoded = decodeOtlpRequest(jsonBody([...bad, validSpan()]), 'json');
    expect(decoded.spans).toHaveLength(1);
    expect(decoded.rejectedSpans).toBe(25);
    expect(decoded.rejectionReasons).toHaveLength(MAX_REJECTION_REASONS);
  });

  it('rejects a span whose attribute nests without end, rather than overflowing the stack', () => {
    const depth = 100_000;
    const deep = `${'{"arrayValue":{"values":['.repeat(depth)}{"stringValue":"bottom"}${']}}'.repeat(depth)}`;
    const body = jsonBody([validSpan({ attributes: [{ key: 'deep', value: 'DEEP' }] }), validSpan()]);
    const decoded = decodeOtlpRequest(Buffer.from(body.toString().replace('"DEEP"', deep)), 'json');
    expect(decoded.spans).toHaveLength(1);
    expect(decoded.rejectionReasons).toEqual(['span 0 of scope "hand-written": attribute value is nested deeper than 32 levels']);
  });
});
