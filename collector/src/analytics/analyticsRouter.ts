import express, { type Request, type Response, type Router } from 'express';
import { describeIssues } from '../shared/zodIssues.ts';
import type { Store } from '../store/Store.ts';
import { intervalOf, scopeOf } from './episodeScope.ts';
import {
  EPISODE_LABELS,
  episodeLabelValuesQuery,
  episodeMetricsQuery,
  type EpisodeLabel,
  type EpisodeLabelValuesResponse,
  type EpisodeMetricsResponse,
} from '@trumpets/protocol/api';
import { readEpisodeLabelValues, readEpisodeMetrics } from './readEpisodeMetrics.ts';

/**
 * The episode-metrics read API behind the Grafana data source:
 * `GET /api/episode-metrics` is time series of episode quality, cost and latency;
 * `GET /api/episode-metrics/labels/:label` lists an episode label's values for template variables.
 * 400 names the bad parameter.
 */
export function analyticsRouter(options: { store: Store }): Router {
  const router = express.Router();

  router.get('/api/episode-metrics', async (req: Request, res: Response) => {
    const parsed = episodeMetricsQuery.safeParse(req.query);
    if (!parsed.success) return res.status(400).json({ message: describeIssues(parsed.error) });
    const scoped = scopeOf(parsed.data, Date.now());
    if ('error' in scoped) return res.status(400).json({ message: scoped.error });
    const interval = intervalOf(parsed.data, scoped.scope);
    if ('error' in interval) return res.status(400).json({ message: interval.error });
    const { groupBy } = parsed.data;
    const series = await readEpisodeMetrics(options.store, scoped.scope, interval.intervalMs, groupBy);
    const body: EpisodeMetricsResponse = { ...rangeOf(scoped.scope), intervalMs: interval.intervalMs, groupBy, series };
    res.json(body);
  });

  router.get('/api/episode-metrics/labels/:label', async (req: Request<{ label: string }>, res: Response) => {
    const label = req.params.label as EpisodeLabel;
    if (!EPISODE_LABELS.includes(label))
      return res.status(404).json({ message: `no label '${req.params.label}': labels are ${EPISODE_LABELS.join(', ')}` });
    const parsed = episodeLabelValuesQuery.safeParse(req.query);
    if (!parsed.success) return res.status(400).json({ message: describeIssues(parsed.error) });
    const scoped = scopeOf(parsed.data, Date.now());
    if ('error' in scoped) return res.status(400).json({ message: scoped.error });
    const values = await readEpisodeLabelValues(options.store, scoped.scope, label, parsed.data.limit);
    const body: EpisodeLabelValuesResponse = { ...rangeOf(scoped.scope), label, values };
    res.json(body);
  });

  return router;
}

function rangeOf(scope: { fromMs: number; toMs: number }) {
  return { from: new Date(scope.fromMs).toISOString(), to: new Date(scope.toMs).toISOString() };
}
