import { OtlpDecodeError } from './OtlpDecodeError.ts';
import type { OtlpRequestLike } from './otlpRequestToSpans.ts';
import { ExportTraceServiceRequest } from './traceSchema.ts';

/** Binary protobuf body → decoded ExportTraceServiceRequest message (64-bit fields as Longs, bytes as Buffers). */
export function parseProtobufRequest(body: Buffer): OtlpRequestLike {
  try {
    return ExportTraceServiceRequest.decode(body) as OtlpRequestLike;
  } catch (error) {
    throw new OtlpDecodeError(`body is not a valid OTLP protobuf ExportTraceServiceRequest: ${errorMessage(error)}`, { cause: error });
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
