import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { encodeExportResponse, encodeStatus } from './index.ts';

// Responses are read back with the OpenTelemetry exporter's own response decoders where it has them.

function bytesOf(body: Buffer | string): Uint8Array {
  return typeof body === 'string' ? Buffer.from(body) : body;
}

describe('encodeExportResponse', () => {
  const outcome = { rejectedSpans: 3, errorMessage: 'span 1 of scope "x": name is missing' };

  it('reports partial success in protobuf as the exporter reads it', () => {
    const response = encodeExportResponse(outcome, 'protobuf');
    expect(response.contentType).toBe('application/x-protobuf');
    expect(ProtobufTraceSerializer.deserializeResponse(bytesOf(response.body))).toEqual({ partialSuccess: outcome });
  });

  it('reports partial success in OTLP/JSON, the count as a proto3 JSON int64 string', () => {
    const response = encodeExportResponse(outcome, 'json');
    expect(response.contentType).toBe('application/json');
    expect(JsonTraceSerializer.deserializeResponse(bytesOf(response.body))).toEqual({
      partialSuccess: { rejectedSpans: '3', errorMessage: outcome.errorMessage },
    });
  });

  it.each(['protobuf', 'json'] as const)('answers full success in %s with an empty response', (encoding) => {
    const response = encodeExportResponse({ rejectedSpans: 0, errorMessage: '' }, encoding);
    const serializer = encoding === 'json' ? JsonTraceSerializer : ProtobufTraceSerializer;
    expect(serializer.deserializeResponse(bytesOf(response.body))).toEqual({});
  });
});

describe('encodeStatus', () => {
  // google.rpc.Status, declared independently of the collector's schema.
  const Status = protobuf.Root.fromJSON({
    nested: { Status: { fields: { code: { type: 'int32', id: 1 }, message: { type: 'string', id: 2 } } } },
  }).lookupType('Status');

  it('encodes a 400 as INVALID_ARGUMENT in protobuf', () => {
    const response = encodeStatus(400, 'body is not valid JSON', 'protobuf');
    expect(response.contentType).toBe('application/x-protobuf');
    expect(Status.toObject(Status.decode(bytesOf(response.body)))).toEqual({ code: 3, message: 'body is not valid JSON' });
  });

  it('encodes a 503 as UNAVAILABLE in JSON', () => {
    const response = encodeStatus(503, 'retry later', 'json');
    expect(response.contentType).toBe('application/json');
    expect(JSON.parse(String(response.body))).toEqual({ code: 14, message: 'retry later' });
  });
});
