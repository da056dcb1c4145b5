import { otlpRequestToSpans } from './otlpRequestToSpans.ts';
import { parseJsonRequest } from './parseJsonRequest.ts';
import { parseProtobufRequest } from './parseProtobufRequest.ts';
import type { DecodedRequest } from './types.ts';

/** The two OTLP/HTTP encodings: `application/x-protobuf` and `application/json`. */
export type OtlpEncoding = 'protobuf' | 'json';

/**
 * An OTLP/HTTP trace export body (already gunzipped) → its valid spans, with the rest counted and explained.
 * Throws OtlpDecodeError when the body as a whole is unreadable (answer 400).
 */
export function decodeOtlpRequest(body: Buffer, contentType: OtlpEncoding, options: { maxNesting?: number } = {}): DecodedRequest {
  const request = contentType === 'json' ? parseJsonRequest(body) : parseProtobufRequest(body);
  return otlpRequestToSpans(request, options.maxNesting);
}
