import { describe, expect, it } from 'vitest';
import type { DecodedSpan } from '../otlp/types.ts';
import { spanRowJson, toSpanRow } from './toSpanRow.ts';

const resource = { 'service.name': 'support "bot"', 'host.name': 'h1' };
const base: DecodedSpan = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  parentSpanId: '',
  traceState: 'k=v',
  name: 'execute_tool "lookup"\n',
  kind: 'INTERNAL',
  startTimeUnixNano: '1764000000000000001',
  endTimeUnixNano: '1764000000000000002',
  statusCode: 'ERROR',
  statusMessage: 'boom \\ \u2028 é',
  attributes: { 'gen_ai.tool.name': 'lookup', quote: '"', emoji: '🎺' },
  events: [],
  links: [],
  serviceName: 'support "bot"',
  resourceAttributes: resource,
  scopeName: 'scope',
  scopeVersion: '1.0',
};

describe('spanRowJson', () => {
  it('writes exactly the row toSpanRow describes, in column order, for plain and escaped values, events and links', () => {
    const withEvents: DecodedSpan = {
      ...base,
      events: [{ timeUnixNano: '1764000000000000001', name: 'exception', attributes: { 'exception.message': 'x "y"' } }],
      links: [{ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceState: '', attributes: { k: 'v' } }],
    };
    for (const span of [base, withEvents, { ...base, parentSpanId: 'c'.repeat(16) }]) {
      expect(JSON.parse(spanRowJson(span))).toEqual(Object.values(toSpanRow(span)));
    }
  });
});
