import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { SpanIngest } from '../ingest/SpanIngest.ts';
import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/Store.ts';
import { otlpTracesRoute } from './otlpTracesRoute.ts';

export interface AppDependencies {
  store: Store;
  ingest: SpanIngest;
  log: Logger;
  maxBodyBytes: number;
  retryAfterSeconds: number;
}

/** The collector's HTTP surface: OTLP ingest and health. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(otlpTracesRoute(deps));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const storeAnswers = await deps.store.ping();
    res.status(storeAnswers ? 200 : 503).json({ status: storeAnswers ? 'ready' : 'store unavailable', backend: deps.store.backend });
  });

  app.use((req, res) => {
    res.status(404).json({ message: `no route for ${req.method} ${req.path}` });
  });
  // The last line of defence: a bug answers 500 and is logged; the process keeps serving.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    deps.log.error('request failed', { method: req.method, path: req.path, error: error instanceof Error ? error.stack : String(error) });
    if (!res.headersSent) res.status(500).json({ message: 'internal error' });
  });
  return app;
}
