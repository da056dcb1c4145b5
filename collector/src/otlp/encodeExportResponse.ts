import type { OtlpEncoding } from './decodeOtlpRequest.ts';
import { ExportTraceServiceResponse } from './traceSchema.ts';

export interface ExportOutcome {
  rejectedSpans: number;
  errorMessage: string;
}

export interface OtlpResponseBody {
  body: Buffer | string;
  contentType: string;
}

/**
 * The body of a 200 answer to an OTLP/HTTP trace export: partial_success when spans were rejected,
 * an empty ExportTraceServiceResponse (full success) otherwise, in the encoding of the request.
 */
export function encodeExportResponse(outcome: ExportOutcome, contentType: OtlpEncoding): OtlpResponseBody {
  const partialSuccess =
    outcome.rejectedSpans > 0 ? { rejectedSpans: outcome.rejectedSpans, errorMessage: outcome.errorMessage } : undefined;
  if (contentType === 'json') {
    // proto3 JSON writes int64 as a decimal string.
    const response = partialSuccess ? { partialSuccess: { ...partialSuccess, rejectedSpans: String(partialSuccess.rejectedSpans) } } : {};
    return { body: JSON.stringify(response), contentType: 'application/json' };
  }
  const message = ExportTraceServiceResponse.fromObject(partialSuccess ? { partialSuccess } : {});
  const bytes = ExportTraceServiceResponse.encode(message).finish();
  return { body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), contentType: 'application/x-protobuf' };
}
