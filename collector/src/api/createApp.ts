import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { IngestPipeline } from '../ingest/createSpanIngest.ts';
import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/Store.ts';
import { otlpTracesRoute } from './otlpTracesRoute.ts';

export interface AppDependencies {
  store: Store;
  pipeline: IngestPipeline;
  log: Logger;
  maxBodyBytes: number;
  retryAfterSeconds: number;
}

/** The collector's HTTP surface: OTLP ingest and health. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(otlpTracesRoute({ ...deps, ingest: deps.pipeline.ingest }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Ready only when both halves of ingest work: the store answers and the spool has room
  // (under 90% of its budget, so a ready collector can take the next large request).
  app.get('/readyz', async (_req, res) => {
    const storeAnswers = await deps.store.ping();
    const spool = deps.pipeline.spool;
    const spoolHasRoom = !spool || spool.bytes < spool.maxBytes * 0.9;
    const ready = storeAnswers && spoolHasRoom;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : !storeAnswers ? 'store unavailable' : 'spool at its disk budget',
      backend: deps.store.backend,
      spoolBytes: spool?.bytes,
    });
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
