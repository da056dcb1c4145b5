/**
 * The request body as a whole cannot be read as an OTLP ExportTraceServiceRequest.
 * Not retryable: the HTTP layer answers 400, since sending the same bytes again cannot succeed.
 */
export class OtlpDecodeError extends Error {
  override readonly name = 'OtlpDecodeError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
