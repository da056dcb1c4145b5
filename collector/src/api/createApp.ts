import cors from 'cors';
import express, { type Express } from 'express';
import type { CollectorConfig } from '../config.ts';
import { replyNotFound, replyToError } from '../http/errorReplies.ts';
import type { IngestPipeline } from '../ingest/createSpanIngest.ts';
import type { Logger } from '../log/logger.ts';
import type { CollectorMetrics } from '../metrics/CollectorMetrics.ts';
import type { AgentLock } from '../releases/agentLock.ts';
import type { Store } from '../store/Store.ts';
import { mountRoutes } from './routes.ts';

export interface AppDependencies {
  store: Store;
  pipeline: IngestPipeline;
  metrics: CollectorMetrics;
  log: Logger;
  /** Serialises release actions per agent across the API, alert webhooks and the rollout watcher. */
  releaseLock: AgentLock;
  config: Pick<
    CollectorConfig,
    'alerts' | 'maxBodyBytes' | 'retryAfterSeconds' | 'heapPressurePercent' | 'tokens' | 'corsOrigins' | 'limits' | 'redaction' | 'roles'
  >;
}

/** The collector's HTTP surface: CORS, then the route table (routes.ts). */
export function createApp(deps: AppDependencies): Express {
  const { config } = deps;
  const app = express();
  app.disable('x-powered-by');
  // CORS is off unless origins are configured: browsers then reach the API only through Grafana's proxy.
  if (config.corsOrigins.length > 0)
    app.use(cors({ origin: config.corsOrigins, allowedHeaders: ['Authorization', 'Content-Type', 'Content-Encoding'] }));

  mountRoutes(app, deps);
  return app;
}

/** Routers mounted, the last handlers: unknown routes answer 404, bugs answer 500 and the process keeps serving. */
export function finishApp(app: Express, log: Logger): void {
  app.use(replyNotFound);
  app.use(replyToError(log));
}
