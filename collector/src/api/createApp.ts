import cors from 'cors';
import { analyticsRouter } from '../analytics/analyticsRouter.ts';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { CollectorConfig } from '../config.ts';
import type { IngestPipeline } from '../ingest/createSpanIngest.ts';
import type { Logger } from '../log/logger.ts';
import type { CollectorMetrics } from '../metrics/CollectorMetrics.ts';
import { episodeRoute } from '../episodes/api/episodeRoute.ts';
import { failureModesRoute } from '../failures/api/failureModesRoute.ts';
import { validateAndGateRouter } from '../proposals/validateAndGateRouter.ts';
import type { SpoolHealth } from '../spool/Spool.ts';
import { alertsRouter } from '../alerts/alertsRouter.ts';
import type { AgentLock } from '../releases/agentLock.ts';
import { releasesRouter } from '../releases/api/releasesRouter.ts';
import type { Store } from '../store/Store.ts';
import { requireScope } from './auth/requireScope.ts';
import { createSpanRedactor } from '../redaction/createSpanRedactor.ts';
import { otlpTracesRoute } from './otlpTracesRoute.ts';
import { SpanRateLimiter } from './rateLimit/SpanRateLimiter.ts';

export interface AppDependencies {
  store: Store;
  pipeline: IngestPipeline;
  metrics: CollectorMetrics;
  log: Logger;
  /** Serialises release actions per agent across the API, alert webhooks and the rollout watcher. */
  releaseLock: AgentLock;
  config: Pick<CollectorConfig, 'alerts' | 'maxBodyBytes' | 'retryAfterSeconds' | 'tokens' | 'corsOrigins' | 'limits' | 'redaction'>;
}

/**
 * The collector's HTTP surface. Every route but /healthz and /readyz needs a token: `ingest` for
 * OTLP, `read` for /metrics and GET /api/*, `act` for other /api/* methods.
 */
const SPOOL_STATUS: Record<SpoolHealth['state'], string> = {
  ok: 'ready',
  at_budget: 'spool at its disk budget',
  disk_full: "the spool's disk is full",
  io_error: "the spool's disk is failing writes",
};

export function createApp(deps: AppDependencies): Express {
  const { config } = deps;
  const app = express();
  app.disable('x-powered-by');
  // CORS is off unless origins are configured: browsers then reach the API only through Grafana's proxy.
  if (config.corsOrigins.length > 0)
    app.use(cors({ origin: config.corsOrigins, allowedHeaders: ['Authorization', 'Content-Type', 'Content-Encoding'] }));

  const auth = { tokens: config.tokens };
  app.use(
    otlpTracesRoute({
      ingest: deps.pipeline.ingest,
      log: deps.log,
      metrics: deps.metrics,
      tokens: config.tokens,
      rateLimiter: new SpanRateLimiter(config.limits.spansPerSecondPerCaller, config.limits.maxSpansPerRequest),
      redact: createSpanRedactor(config.redaction),
      limits: config.limits,
      maxBodyBytes: config.maxBodyBytes,
      retryAfterSeconds: config.retryAfterSeconds,
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Ready only when both halves of ingest work: the store answers and the spool's disk takes
  // writes with room to spare (under 90% of its budget, so a ready collector can take the next large request).
  app.get('/readyz', async (_req, res) => {
    const storeAnswers = await deps.store.ping();
    const spool = deps.pipeline.spool?.health() ?? { state: 'ok' };
    const ready = storeAnswers && spool.state === 'ok';
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : !storeAnswers ? 'store unavailable' : SPOOL_STATUS[spool.state],
      detail: spool.detail,
      backend: deps.store.backend,
      spoolBytes: deps.pipeline.spool?.bytes,
      spoolMaxBytes: deps.pipeline.spool?.maxBytes,
    });
  });
  app.get('/metrics', requireScope('read', auth), async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  const readApi = requireScope('read', auth);
  const actApi = requireScope('act', auth);
  app.use('/api', (req, res, next) => (req.method === 'GET' || req.method === 'HEAD' ? readApi : actApi)(req, res, next));
  // Before the JSON parser: the webhook's signature is over the raw body.
  app.use(
    alertsRouter({
      store: deps.store,
      lock: deps.releaseLock,
      signing: {
        secret: config.alerts.webhookSecret,
        signatureHeader: config.alerts.signatureHeader,
        timestampHeader: config.alerts.timestampHeader,
        toleranceMs: 5 * 60_000,
      },
    }),
  );
  app.use('/api', express.json({ limit: '1mb' }));
  app.use(failureModesRoute({ store: deps.store }));
  app.use(episodeRoute({ store: deps.store }));
  app.use(validateAndGateRouter({ store: deps.store }));
  app.use(analyticsRouter({ store: deps.store }));
  app.use(releasesRouter({ store: deps.store, lock: deps.releaseLock }));

  return app;
}

/** Routers mounted, the last handlers: unknown routes answer 404, bugs answer 500 and the process keeps serving. */
export function finishApp(app: Express, log: Logger): void {
  app.use((req, res) => {
    res.status(404).json({ message: `no route for ${req.method} ${req.path}` });
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number }).status;
    if (status !== undefined && status >= 400 && status < 500) {
      res.status(status).json({ message: (error as Error).message });
      return;
    }
    log.error('request failed', { method: req.method, path: req.path, error: error instanceof Error ? error.stack : String(error) });
    if (!res.headersSent) res.status(500).json({ message: 'internal error' });
  });
}
