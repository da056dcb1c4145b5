import express, { type Express } from 'express';
import { alertsRouter } from '../alerts/alertsRouter.ts';
import { analyticsRouter } from '../analytics/analyticsRouter.ts';
import { configsRouter } from '../configs/configsRouter.ts';
import { episodeRoute } from '../episodes/api/episodeRoute.ts';
import { failureModesRoute } from '../failures/api/failureModesRoute.ts';
import { gatesRouter } from '../gates/api/gatesRouter.ts';
import { requireScope } from '../http/requireScope.ts';
import { benchmarkSetsRouter } from '../proposals/benchmarkSets/benchmarkSetsRouter.ts';
import { proposalsRouter } from '../proposals/proposalsRouter.ts';
import { runsRouter } from '../proposals/runs/runsRouter.ts';
import { releasesRouter } from '../releases/api/releasesRouter.ts';
import { createSpanRedactor } from '../redaction/createSpanRedactor.ts';
import type { SpoolHealth } from '../spool/Spool.ts';
import type { AppDependencies } from './createApp.ts';
import { otlpTracesRoute } from './otlpTracesRoute.ts';
import { SpanRateLimiter } from './rateLimit/SpanRateLimiter.ts';

const SPOOL_STATUS: Record<SpoolHealth['state'], string> = {
  ok: 'ready',
  at_budget: 'spool at its disk budget',
  disk_full: "the spool's disk is full",
  io_error: "the spool's disk is failing writes",
};

/**
 * The route table: the one place that knows every feature's router. Every route but /healthz and
 * /readyz needs a token: `ingest` for OTLP, `read` for /metrics and GET /api/*, `act` for other
 * /api/* methods. OTLP is mounted for the `ingest` role, /api/* for the `api` role (TRUMPETS_ROLES);
 * health and metrics always.
 */
export function mountRoutes(app: Express, deps: AppDependencies): void {
  const { config, store } = deps;
  const auth = { tokens: config.tokens };

  if (config.roles.includes('ingest'))
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
        heapPressurePercent: config.heapPressurePercent,
      }),
    );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Ready only when both halves of ingest work: the store answers and the spool's disk takes
  // writes with room to spare (under 90% of its budget, so a ready collector can take the next large request).
  app.get('/readyz', async (_req, res) => {
    const storeAnswers = await store.ping();
    const spool = deps.pipeline.spool?.health() ?? { state: 'ok' };
    const ready = storeAnswers && spool.state === 'ok';
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : !storeAnswers ? 'store unavailable' : SPOOL_STATUS[spool.state],
      detail: spool.detail,
      backend: store.backend,
      spoolBytes: deps.pipeline.spool?.bytes,
      spoolMaxBytes: deps.pipeline.spool?.maxBytes,
    });
  });
  app.get('/metrics', requireScope('read', auth), async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  if (!config.roles.includes('api')) return;
  const readApi = requireScope('read', auth);
  const actApi = requireScope('act', auth);
  app.use('/api', (req, res, next) => (req.method === 'GET' || req.method === 'HEAD' ? readApi : actApi)(req, res, next));
  // Before the JSON parser: the webhook's signature is over the raw body.
  app.use(
    alertsRouter({
      store,
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

  // Capture: one episode with its tool calls and sources
  app.use(episodeRoute({ store }));
  // Critique
  app.use(failureModesRoute({ store }));
  // Validate: configs, proposals, benchmark sets, validation runs, gate policies and decisions
  app.use(
    configsRouter({ store }),
    proposalsRouter({ store }),
    benchmarkSetsRouter({ store }),
    runsRouter({ store }),
    gatesRouter({ store }),
  );
  // Show: episode metrics for the Grafana data source
  app.use(analyticsRouter({ store }));
  // Promote: releases, staged rollout, rollback
  app.use(releasesRouter({ store, lock: deps.releaseLock }));
}
