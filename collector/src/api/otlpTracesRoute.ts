import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { SpanIngest } from '../ingest/SpanIngest.ts';
import type { Logger } from '../log/logger.ts';
import { decodeOtlpRequest, encodeExportResponse, encodeStatus, OtlpDecodeError, type OtlpEncoding } from '../otlp/index.ts';
import { SpoolFullError } from '../spool/Spool.ts';
import { StoreError } from '../store/Store.ts';

export interface OtlpRouteOptions {
  ingest: SpanIngest;
  log: Logger;
  maxBodyBytes: number;
  retryAfterSeconds: number;
}

const ENCODINGS: Record<string, OtlpEncoding> = {
  'application/x-protobuf': 'protobuf',
  'application/protobuf': 'protobuf',
  'application/json': 'json',
};

/**
 * `POST /v1/traces` per the OTLP/HTTP spec: protobuf or JSON, gzip or not; 200 with
 * partial_success when some spans are invalid; 400, 413, 415 for bad requests; 503 with
 * Retry-After when the store cannot take writes, so standard exporters retry.
 */
export function otlpTracesRoute(options: OtlpRouteOptions): Router {
  const router = express.Router();
  // body-parser inflates gzip/deflate and applies the limit to the inflated bytes (no zip bombs).
  const readBody = express.raw({ type: () => true, limit: options.maxBodyBytes, inflate: true });

  router.post('/v1/traces', checkContentType, readBody, async (req: Request, res: Response) => {
    const encoding = res.locals.encoding as OtlpEncoding;
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let decoded;
    try {
      decoded = decodeOtlpRequest(body, encoding);
    } catch (error) {
      if (error instanceof OtlpDecodeError) return sendStatus(res, encoding, 400, error.message);
      throw error;
    }
    if (decoded.spans.length === 0 && decoded.rejectedSpans > 0) {
      return sendStatus(res, encoding, 400, `every span was rejected: ${decoded.rejectionReasons.join('; ')}`);
    }
    try {
      await options.ingest.ingest(decoded.spans);
    } catch (error) {
      if (error instanceof StoreError || error instanceof SpoolFullError) {
        options.log.warn('spans refused; client told to retry', { spans: decoded.spans.length, error: error.message });
        res.setHeader('Retry-After', String(options.retryAfterSeconds));
        const reason = error instanceof SpoolFullError ? 'the spool is full while the store catches up' : 'the store cannot take writes right now';
        return sendStatus(res, encoding, 503, `${reason}; retry later`);
      }
      throw error;
    }
    if (decoded.rejectedSpans > 0) {
      options.log.info('rejected invalid spans', { rejected: decoded.rejectedSpans, accepted: decoded.spans.length });
    }
    const response = encodeExportResponse(
      { rejectedSpans: decoded.rejectedSpans, errorMessage: decoded.rejectionReasons.join('; ') },
      encoding,
    );
    res.status(200).type(response.contentType).send(response.body);
  });

  // Errors from reading the body (size, encoding, aborted) become OTLP error responses.
  router.use('/v1/traces', (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const encoding = (res.locals.encoding as OtlpEncoding | undefined) ?? 'json';
    const status = (error as { status?: number }).status;
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') {
      return sendStatus(res, encoding, 413, `request body exceeds the limit of ${options.maxBodyBytes} bytes (after decompression)`);
    }
    if (type === 'encoding.unsupported') {
      return sendStatus(res, encoding, 415, `unsupported Content-Encoding; send gzip or no encoding`);
    }
    if (status !== undefined && status >= 400 && status < 500) {
      return sendStatus(res, encoding, 400, `could not read the request body: ${(error as Error).message}`);
    }
    next(error);
  });
  return router;
}

function checkContentType(req: Request, res: Response, next: NextFunction): void {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const encoding = ENCODINGS[mediaType];
  if (!encoding) {
    res
      .status(415)
      .type('application/json')
      .send({ code: 3, message: `unsupported Content-Type '${mediaType || '(none)'}'; send application/x-protobuf or application/json` });
    return;
  }
  res.locals.encoding = encoding;
  next();
}

function sendStatus(res: Response, encoding: OtlpEncoding, httpStatus: number, message: string): void {
  const status = encodeStatus(httpStatus, message, encoding);
  res.status(httpStatus).type(status.contentType).send(status.body);
}
