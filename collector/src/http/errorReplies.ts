import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../log/logger.ts';

/** The last route: anything no router took answers 404 naming the method and path. */
export function replyNotFound(req: Request, res: Response): void {
  res.status(404).json({ message: `no route for ${req.method} ${req.path}` });
}

/** The last error handler: 4xx errors answer with their message, bugs answer 500 and the process keeps serving. */
export function replyToError(log: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const status = (error as { status?: number }).status;
    if (status !== undefined && status >= 400 && status < 500) {
      res.status(status).json({ message: (error as Error).message });
      return;
    }
    log.error('request failed', { method: req.method, path: req.path, error: error instanceof Error ? error.stack : String(error) });
    if (!res.headersSent) res.status(500).json({ message: 'internal error' });
  };
}
