import type { OtlpEncoding } from './decodeOtlpRequest.ts';
import type { OtlpResponseBody } from './encodeExportResponse.ts';
import { RpcStatus } from './traceSchema.ts';

// gRPC codes for the HTTP statuses the collector answers with (google.rpc.Code).
const INVALID_ARGUMENT = 3;
const RESOURCE_EXHAUSTED = 8;
const INTERNAL = 13;
const UNAVAILABLE = 14;

/**
 * The body of an OTLP/HTTP error response: a google.rpc.Status in the encoding of the request,
 * whose message the exporter logs.
 */
export function encodeStatus(httpStatus: number, message: string, encoding: OtlpEncoding): OtlpResponseBody {
  const status = { code: grpcCode(httpStatus), message };
  if (encoding === 'json') return { body: JSON.stringify(status), contentType: 'application/json' };
  const bytes = RpcStatus.encode(RpcStatus.fromObject(status)).finish();
  return { body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), contentType: 'application/x-protobuf' };
}

function grpcCode(httpStatus: number): number {
  if (httpStatus === 429) return RESOURCE_EXHAUSTED;
  if (httpStatus === 502 || httpStatus === 503 || httpStatus === 504) return UNAVAILABLE;
  if (httpStatus >= 400 && httpStatus < 500) return INVALID_ARGUMENT;
  return INTERNAL;
}
