import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { SpanIngest } from '../ingest/SpanIngest.ts';
import type { Logger } from '../log/logger.ts';
import type { CollectorMetrics } from '../metrics/CollectorMetrics.ts';
import { applySpanLimits, type SpanLimits } from '../otlp/applySpanLimits.ts';
import { rejectImplausibleTimes, type SpanTimeBounds } from '../otlp/spanTimeBounds.ts';
import {
  decodeOtlpRequest,
  encodeExportResponse,
  encodeStatus,
  OtlpDecodeError,
  type DecodedSpan,
  type OtlpEncoding,
} from '../otlp/index.ts';
import { SpoolRefusedError } from '../spool/Spool.ts';
import { StoreError } from '../store/Store.ts';
import { callerOf, requireScope } from '../http/requireScope.ts';
import type { ApiToken } from '../http/apiTokens.ts';
import type { SpanRateLimiter } from './rateLimit/SpanRateLimiter.ts';
import { heapUnderPressure } from './heapPressure.ts';

export interface OtlpRouteOptions {
  ingest: SpanIngest;
  log: Logger;
  metrics: CollectorMetrics;
  tokens: readonly ApiToken[];
  rateLimiter: SpanRateLimiter;
  /** Rewrites content attributes in place before the spans are kept. */
  redact: (spans: readonly DecodedSpan[]) => void;
  limits: SpanLimits & SpanTimeBounds & { maxSpansPerRequest: number; maxAttributeDepth: number };
  maxBodyBytes: number;
  retryAfterSeconds: number;
  /** Requests are refused while the JS heap in use is at least this percent of its limit. */
  heapPressurePercent: number;
}

const ENCODINGS: Record<string, OtlpEncoding> = {
  'application/x-protobuf': 'protobuf',
  'application/protobuf': 'protobuf',
  'application/json': 'json',
};

/**
 * `POST /v1/traces` per the OTLP/HTTP spec: protobuf or JSON, gzip or not; 200 with
 * partial_success when some spans are invalid; 400, 401, 403, 413, 415 for requests that will
 * never pass; 429 and 503 with Retry-After for ones that will later, so standard exporters retry.
 */
export function otlpTracesRoute(options: OtlpRouteOptions): Router {
  const router = express.Router();
  // body-parser inflates gzip/deflate and applies the limit to the inflated bytes (no zip bombs).
  const readBody = express.raw({ type: () => true, limit: options.maxBodyBytes, inflate: true });
  const { metrics } = options;
  const answer = (res: Response, status: number, message: string) => {
    metrics.requests.inc({ status });
    sendStatus(res, (res.locals.encoding as OtlpEncoding | undefined) ?? 'json', status, message);
  };
  const authenticate = requireScope('ingest', { tokens: options.tokens }, answer);
  let underPressure = false;
  // Before the body is read: a refused request costs no memory.
  const refuseUnderHeapPressure = (_req: Request, res: Response, next: NextFunction) => {
    const pressure = heapUnderPressure(options.heapPressurePercent);
    if (pressure !== underPressure)
      options.log[pressure ? 'warn' : 'info'](pressure ? 'JS heap near its limit: refusing OTLP requests' : 'JS heap has room again', {
        heapPressurePercent: options.heapPressurePercent,
      });
    underPressure = pressure;
    if (!pressure) return next();
    res.setHeader('Retry-After', String(options.retryAfterSeconds));
    answer(res, 503, 'the collector is short of memory; retry later');
  };

  router.post('/v1/traces', checkContentType, authenticate, refuseUnderHeapPressure, readBody, async (req: Request, res: Response) => {
    const encoding = res.locals.encoding as OtlpEncoding;
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let decoded;
    try {
      decoded = decodeOtlpRequest(body, encoding, { maxNesting: options.limits.maxAttributeDepth });
    } catch (error) {
      if (error instanceof OtlpDecodeError) return answer(res, 400, error.message);
      throw error;
    }
    rejectImplausibleTimes(decoded, options.limits);
    const spans = decoded.spans;
    metrics.spansReceived.inc(spans.length + decoded.rejectedSpans);
    metrics.reject('invalid', decoded.rejectedSpans);
    if (spans.length === 0 && decoded.rejectedSpans > 0) {
      return answer(res, 400, `every span was rejected: ${decoded.rejectionReasons.join('; ')}`);
    }
    if (spans.length > options.limits.maxSpansPerRequest) {
      metrics.reject('too_large', spans.length);
      return answer(
        res,
        413,
        `request has ${spans.length} spans; the limit is ${options.limits.maxSpansPerRequest} per request (send smaller batches)`,
      );
    }
    const rate = options.rateLimiter.take(callerOf(res), spans.length);
    if (!rate.allowed) {
      metrics.reject('rate_limited', spans.length);
      res.setHeader('Retry-After', String(rate.retryAfterSeconds));
      return answer(res, 429, `rate limit for '${callerOf(res)}' exceeded; retry in ${rate.retryAfterSeconds} s`);
    }
    applySpanLimits(spans, options.limits);
    options.redact(spans);
    try {
      await options.ingest.ingest(spans);
    } catch (error) {
      // A store error that will not clear on its own (bad SQL, a type error) is ours: 500, and the client does not retry.
      if (error instanceof StoreError && !error.retryable) {
        metrics.reject('store_error', spans.length);
        options.log.error('store refused spans', { spans: spans.length, caller: callerOf(res), error: error.message });
        return answer(res, 500, 'the store could not write these spans');
      }
      if (error instanceof StoreError || error instanceof SpoolRefusedError) {
        metrics.reject('unavailable', spans.length);
        options.log.warn('spans refused; client told to retry', { spans: spans.length, caller: callerOf(res), error: error.message });
        res.setHeader('Retry-After', String(options.retryAfterSeconds));
        return answer(res, 503, `${refusalReason(error)}; retry later`);
      }
      throw error;
    }
    metrics.spansAccepted.inc(spans.length);
    metrics.requests.inc({ status: 200 });
    if (decoded.rejectedSpans > 0) {
      options.log.info('rejected invalid spans', { rejected: decoded.rejectedSpans, accepted: spans.length, caller: callerOf(res) });
    }
    const response = encodeExportResponse(
      { rejectedSpans: decoded.rejectedSpans, errorMessage: decoded.rejectionReasons.join('; ') },
      encoding,
    );
    res.status(200).type(response.contentType).send(response.body);
  });

  // Errors from reading the body (size, encoding, aborted) become OTLP error responses.
  router.use('/v1/traces', (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const status = (error as { status?: number }).status;
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large')
      return answer(res, 413, `request body exceeds the limit of ${options.maxBodyBytes} bytes (after decompression)`);
    if (type === 'encoding.unsupported') return answer(res, 415, 'unsupported Content-Encoding; send gzip or no encoding');
    if (status !== undefined && status >= 400 && status < 500)
      return answer(res, 400, `could not read the request body: ${(error as Error).message}`);
    next(error);
  });
  return router;
}

function refusalReason(error: StoreError | SpoolRefusedError): string {
  if (!(error instanceof SpoolRefusedError)) return 'the store cannot take writes right now';
  if (error.reason === 'budget') return 'the spool is full while the store catches up';
  if (error.reason === 'disk_full') return "the spool's disk is full";
  return "the spool's disk failed a write";
}

function checkContentType(req: Request, res: Response, next: NextFunction): void {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const encoding = ENCODINGS[mediaType];
  if (!encoding) {
    sendStatus(res, 'json', 415, `unsupported Content-Type '${mediaType || '(none)'}'; send application/x-protobuf or application/json`);
    return;
  }
  res.locals.encoding = encoding;
  next();
}

function sendStatus(res: Response, encoding: OtlpEncoding, httpStatus: number, message: string): void {
  const status = encodeStatus(httpStatus, message, encoding);
  res.status(httpStatus).type(status.contentType).send(status.body);
}
