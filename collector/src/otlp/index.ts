export { decodeOtlpRequest } from './decodeOtlpRequest.ts';
export type { OtlpEncoding } from './decodeOtlpRequest.ts';
export { encodeExportResponse } from './encodeExportResponse.ts';
export type { OtlpResponseBody, ExportOutcome } from './encodeExportResponse.ts';
export { encodeStatus } from './encodeStatus.ts';
export { OtlpDecodeError } from './OtlpDecodeError.ts';
export { MAX_REJECTION_REASONS } from './otlpRequestToSpans.ts';
export type { DecodedEvent, DecodedLink, DecodedRequest, DecodedSpan } from './types.ts';
