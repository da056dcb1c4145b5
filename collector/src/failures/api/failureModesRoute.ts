import express, { type Request, type Response, type Router } from 'express';
import type { Store } from '../../store/Store.ts';
import {
  failureModeDetailQuery,
  failureModeListQuery,
  type FailureModeDetail,
  type FailureModeList,
  type FailureModeSortKey,
  type FailureModeSummary,
} from '@trumpets/protocol/api';
import { describeIssues } from '../../shared/zodIssues.ts';
import { scopeOf } from './failureModeParams.ts';
import { listFailureModes, readFailureMode } from './readFailureModes.ts';

/** Larger sorts first under `desc`; growth is "larger" when its p-value is smaller. */
const SORT_VALUE: Record<FailureModeSortKey, (mode: FailureModeSummary) => number> = {
  failures: (mode) => mode.failures,
  recent: (mode) => mode.recentFailures,
  growth: (mode) => -mode.growthPValue,
  lastSeen: (mode) => Date.parse(mode.lastSeen),
  firstSeen: (mode) => Date.parse(mode.firstSeen),
};

/**
 * The failure-modes read API for the Grafana plugin:
 * `GET /api/failure-modes` lists modes with failures in a range (filters: agent, from, to, status;
 * sort, order, limit); `GET /api/failure-modes/:id` is one mode with its timeline, examples,
 * wordings, history, related modes and a page of member failures. 400 names the bad parameter;
 * 404 for an unknown id.
 */
export function failureModesRoute(options: { store: Store }): Router {
  const router = express.Router();

  router.get('/api/failure-modes', async (req: Request, res: Response) => {
    const parsed = failureModeListQuery.safeParse(req.query);
    if (!parsed.success) return res.status(400).json({ message: describeIssues(parsed.error) });
    const { scope, error } = scopeOf(parsed.data, Date.now());
    if (!scope) return res.status(400).json({ message: error });
    const { status, sort, order, limit } = parsed.data;
    const value = SORT_VALUE[sort];
    const direction = order === 'desc' ? -1 : 1;
    const modes = (await listFailureModes(options.store, scope))
      .filter((mode) => !status || status.includes(mode.status))
      .sort((a, b) => direction * (value(a) - value(b)) || a.id.localeCompare(b.id));
    const answer: FailureModeList = { ...rangeOf(scope), total: modes.length, failureModes: modes.slice(0, limit) };
    res.json(answer);
  });

  router.get('/api/failure-modes/:id', async (req: Request<{ id: string }>, res: Response) => {
    const parsed = failureModeDetailQuery.safeParse(req.query);
    if (!parsed.success) return res.status(400).json({ message: describeIssues(parsed.error) });
    const { scope, error } = scopeOf(parsed.data, Date.now());
    if (!scope) return res.status(400).json({ message: error });
    const detail = await readFailureMode(options.store, req.params.id, scope, { page: parsed.data.page, pageSize: parsed.data.pageSize });
    if (!detail) return res.status(404).json({ message: `no failure mode ${req.params.id}` });
    const answer: FailureModeDetail = { ...rangeOf(scope), ...detail };
    res.json(answer);
  });

  return router;
}

function rangeOf(scope: { fromMs: number; toMs: number; windowMs: number; newWithinMs: number }) {
  return {
    from: new Date(scope.fromMs).toISOString(),
    to: new Date(scope.toMs).toISOString(),
    windowHours: scope.windowMs / 3600_000,
    newWithinHours: scope.newWithinMs / 3600_000,
  };
}
