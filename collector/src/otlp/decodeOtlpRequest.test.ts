import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeOtlpRequest, OtlpDecodeError, type DecodedSpan, type OtlpEncoding } from './index.ts';
import {
  AGENT_SPAN_ID,
  LINKED_SPAN_ID,
  LINKED_TRACE_ID,
  otlpBody,
  recordAgentSpans,
  REMOTE_PARENT_SPAN_ID,
  SCOPE_NAME,
  TOOL_SPAN_ID,
  TRACE_ID,
} from '../testing/testSpans.ts';
import { ExportTraceServiceRequest } from './traceSchema.ts';

const ENCODINGS: OtlpEncoding[] = ['protobuf', 'json'];

function spanById(spans: DecodedSpan[], spanId: string): DecodedSpan {
  const span = spans.find((candidate) => candidate.spanId === spanId);
  if (!span) throw new Error(`no span ${spanId} among ${spans.map((s) => s.spanId).join(', ')}`);
  return span;
}

/** The request as a plain object, one span changed, encoded again as the same encoding. */
function corruptSpan(body: Buffer, encoding: OtlpEncoding, spanName: string, corrupt: (span: Record<string, unknown>) => void): Buffer {
  const request = (
    encoding === 'json'
      ? JSON.parse(body.toString('utf8'))
      : ExportTraceServiceRequest.toObject(ExportTraceServiceRequest.decode(body), { longs: String })
  ) as {
    resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[];
  };
  const target = request.resourceSpans
    .flatMap((r) => r.scopeSpans)
    .flatMap((s) => s.spans)
    .find((s) => s.name === spanName);
  if (!target) throw new Error(`no span named ${spanName}`);
  corrupt(target);
  if (encoding === 'json') return Buffer.from(JSON.stringify(request));
  return Buffer.from(ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject(request)).finish());
}

describe.each(ENCODINGS)('decodeOtlpRequest, %s bodies from the OpenTelemetry serializers', (encoding) => {
  const body = otlpBody(recordAgentSpans(), encoding);

  it('keeps every field of an agent span, with exact nanosecond times and each attribute type as a string', () => {
    const decoded = decodeOtlpRequest(body, encoding);
    expect(decoded.rejectedSpans).toBe(0);
    expect(decoded.rejectionReasons).toEqual([]);
    expect(spanById(decoded.spans, AGENT_SPAN_ID)).toEqual({
      traceId: TRACE_ID,
      spanId: AGENT_SPAN_ID,
      parentSpanId: REMOTE_PARENT_SPAN_ID,
      traceState: 'vendor=opaque',
      name: 'invoke_agent support-bot',
      kind: 'SERVER',
      startTimeUnixNano: '1764028800123456789',
      endTimeUnixNano: '1764028802987654321',
      statusCode: 'ERROR',
      statusMessage: 'tool failed',
      attributes: {
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.usage.input_tokens': '1200',
        'gen_ai.request.temperature': '0.7',
        'gen_ai.request.stream': 'false',
        'app.max_safe': '9007199254740991',
        'app.offset': '-42',
        'app.tags': '["triage","billing"]',
        'app.scores': '[1,2.5]',
        'app.checks': '[true,false]',
      },
      events: [
        {
          timeUnixNano: '1764028801000000005',
          name: 'gen_ai.choice',
          attributes: { 'gen_ai.response.finish_reason': 'stop', index: '0' },
        },
      ],
      links: [{ traceId: LINKED_TRACE_ID, spanId: LINKED_SPAN_ID, traceState: '', attributes: { 'link.reason': 'retry of' } }],
      serviceName: 'support-bot',
      resourceAttributes: { 'service.name': 'support-bot', 'deployment.environment.name': 'test' },
      scopeName: SCOPE_NAME,
      scopeVersion: '1.4.2',
    });
  });

  it('keeps parent links, zero-length spans, OK status and the scope of each span', () => {
    const { spans } = decodeOtlpRequest(body, encoding);
    expect(spans).toHaveLength(3);
    expect(spanById(spans, TOOL_SPAN_ID)).toMatchObject({
      parentSpanId: AGENT_SPAN_ID,
      kind: 'CLIENT',
      startTimeUnixNano: '1764028800500000000',
      endTimeUnixNano: '1764028800500000000',
      statusCode: 'OK',
      attributes: {},
      events: [],
      links: [],
    });
    expect(spans.find((span) => span.name === 'GET /search')).toMatchObject({
      parentSpanId: TOOL_SPAN_ID,
      kind: 'INTERNAL',
      statusCode: 'UNSET',
      scopeName: 'http-client',
      scopeVersion: '',
    });
  });

  it('rejects only the span with a bad id, and says which span and why', () => {
    const corrupted = corruptSpan(body, encoding, 'invoke_agent support-bot', (span) => {
      span.spanId = encoding === 'json' ? 'a0000001' : Buffer.alloc(4, 0xa0);
    });
    const decoded = decodeOtlpRequest(corrupted, encoding);
    expect(decoded.spans.map((span) => span.name).sort()).toEqual(['GET /search', 'execute_tool search']);
    expect(decoded.rejectedSpans).toBe(1);
    expect(decoded.rejectionReasons).toEqual([`span 1 of scope "${SCOPE_NAME}": span_id must be 8 bytes, got 4`]);
  });

  it('rejects a span whose trace id is missing', () => {
    const corrupted = corruptSpan(body, encoding, 'execute_tool search', (span) => {
      delete span.traceId;
    });
    const decoded = decodeOtlpRequest(corrupted, encoding);
    expect(decoded.spans).toHaveLength(2);
    expect(decoded.rejectionReasons).toEqual([`span 0 of scope "${SCOPE_NAME}": trace_id must be 16 bytes, got 0`]);
  });

  it('reads an empty request as no spans', () => {
    expect(decodeOtlpRequest(Buffer.from(encoding === 'json' ? '{}' : ''), encoding)).toEqual({
      spans: [],
      rejectedSpans: 0,
      rejectionReasons: [],
    });
  });
});

describe('decodeOtlpRequest, attribute values the JS SDK cannot produce', () => {
  const anyValues = {
    bytes: { bytesValue: 'AAEC/w==' },
    map: {
      kvlistValue: {
        values: [
          { key: 'model', value: { stringValue: 'gpt-4o' } },
          { key: 'n', value: { intValue: '2' } },
        ],
      },
    },
    nested: { arrayValue: { values: [{ arrayValue: { values: [{ boolValue: true }] } }, { intValue: '18446744073709551' }, {}] } },
    huge: { intValue: '-9223372036854775808' },
    empty: {},
  };
  const expected = {
    bytes: 'AAEC/w==',
    map: '{"model":"gpt-4o","n":2}',
    nested: '[[true],"18446744073709551",null]',
    huge: '-9223372036854775808',
    empty: '',
  };
  const request = {
    resourceSpans: [
      {
        scopeSpans: [
          {
            spans: [
              {
                traceId: TRACE_ID,
                spanId: AGENT_SPAN_ID,
                name: 'chat',
                startTimeUnixNano: '1764028800000000000',
                endTimeUnixNano: '1764028801000000000',
                attributes: Object.entries(anyValues).map(([key, value]) => ({ key, value })),
              },
            ],
          },
        ],
      },
    ],
  };

  it('reads them from OTLP/JSON', () => {
    const { spans } = decodeOtlpRequest(Buffer.from(JSON.stringify(request)), 'json');
    expect(spans[0]?.attributes).toEqual(expected);
    expect(spans[0]?.serviceName).toBe('unknown_service');
  });

  it('reads them from protobuf', () => {
    // protobufjs's fromObject takes bytes as base64, so the JSON ids are rewritten first.
    const protoRequest = structuredClone(request);
    const span = protoRequest.resourceSpans[0]!.scopeSpans[0]!.spans[0]!;
    span.traceId = Buffer.from(TRACE_ID, 'hex').toString('base64');
    span.spanId = Buffer.from(AGENT_SPAN_ID, 'hex').toString('base64');
    const body = Buffer.from(ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject(protoRequest)).finish());
    expect(decodeOtlpRequest(body, 'protobuf').spans[0]?.attributes).toEqual(expected);
  });
});

describe('decodeOtlpRequest, bodies that are not OTLP', () => {
  it('refuses bytes that are not protobuf', () => {
    expect(() => decodeOtlpRequest(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), 'protobuf')).toThrow(
      /^body is not a valid OTLP protobuf ExportTraceServiceRequest: /,
    );
    expect(() => decodeOtlpRequest(Buffer.from('{"resourceSpans": []}'), 'protobuf')).toThrow(OtlpDecodeError);
  });

  it('refuses a body that is not JSON', () => {
    expect(() => decodeOtlpRequest(Buffer.from('{"resourceSpans": ['), 'json')).toThrow(/^body is not valid JSON: /);
  });

  it.each([
    ['an array at the top', '[]', 'expected object'],
    ['resourceSpans as an object', '{"resourceSpans": {}}', 'resourceSpans: '],
    ['spans as a string', '{"resourceSpans": [{"scopeSpans": [{"spans": "none"}]}]}', 'resourceSpans.0.scopeSpans.0.spans: '],
    [
      'resource attributes as a map',
      '{"resourceSpans": [{"resource": {"attributes": {"service.name": "x"}}}]}',
      'resourceSpans[0].resource: attributes must be a list',
    ],
  ])('refuses JSON with %s, naming where', (_case, json, where) => {
    const error = captureError(() => decodeOtlpRequest(Buffer.from(json), 'json'));
    expect(error).toBeInstanceOf(OtlpDecodeError);
    expect(error.message).toMatch(/^body is not a valid OTLP(\/JSON)? ExportTraceServiceRequest: /);
    expect(error.message).toContain(where);
  });
});

describe('the OTLP schema', () => {
  it('loads when the process runs from another directory', () => {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const index = pathToFileURL(fileURLToPath(new URL('./index.ts', import.meta.url))).href;
    const script = `const { decodeOtlpRequest } = await import(${JSON.stringify(index)}); console.log(decodeOtlpRequest(Buffer.alloc(0), 'protobuf').spans.length);`;
    const output = execFileSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], {
      cwd: tmpdir(),
      encoding: 'utf8',
    });
    expect(output.trim()).toBe('0');
  });
});

function captureError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
