import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './HttpError.ts';

/**
 * Router-level error handler: HttpErrors with details (and Retry-After for 409s that are worth
 * retrying) are answered here; everything else goes on to the app's handler.
 */
export function sendHttpError(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (!(error instanceof HttpError)) return next(error);
  if (error.details?.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.details.retryAfterSeconds));
  res.status(error.status).json({ message: error.message, ...error.details });
}
