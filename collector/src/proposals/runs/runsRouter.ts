import { Router } from 'express';
import { callerOf } from '../../http/requireScope.ts';
import type { Store } from '../../store/Store.ts';
import { setCases } from '../benchmarkSets/setRepository.ts';
import { HttpError, parseOr400 } from '../../http/HttpError.ts';
import { idSchema, registerRunSchema, reportResultsSchema } from '@trumpets/protocol/api';
import { sendHttpError } from '../../http/sendHttpError.ts';
import { registerRun } from './registerRun.ts';
import { getRun, insertResults } from './runRepository.ts';

/**
 * Benchmark runs: POST /api/benchmark-runs (register, get run id, config and cases),
 * POST /api/benchmark-runs/:runId/results (report per case and repeat), GET /api/benchmark-runs/:runId.
 */
export function runsRouter(deps: { store: Store }): Router {
  const router = Router();
  const { store } = deps;

  router.post('/api/benchmark-runs', async (req, res) => {
    const request = parseOr400(registerRunSchema, req.body, 'benchmark run');
    res.status(201).json(await registerRun(store, request, callerOf(res)));
  });

  router.get('/api/benchmark-runs/:runId', async (req, res) => {
    const runId = parseOr400(idSchema, req.params.runId, 'run id');
    const run = await getRun(store, runId);
    if (!run) throw new HttpError(404, `no benchmark run ${runId}`);
    res.json(run);
  });

  router.post('/api/benchmark-runs/:runId/results', async (req, res) => {
    const runId = parseOr400(idSchema, req.params.runId, 'run id');
    const { results } = parseOr400(reportResultsSchema, req.body, 'results');
    const run = await getRun(store, runId);
    if (!run) throw new HttpError(404, `no benchmark run ${runId}`);
    const known = new Set((await setCases(store, run.setId, run.setVersion)).map((benchmarkCase) => benchmarkCase.caseId));
    const unknown = [...new Set(results.filter((result) => !known.has(result.caseId)).map((result) => result.caseId))];
    if (unknown.length > 0)
      throw new HttpError(
        400,
        `cases not in benchmark set ${run.setId} version ${run.setVersion}: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}`,
      );
    const beyond = results.find((result) => result.repeat >= run.repeats);
    if (beyond)
      throw new HttpError(
        400,
        `repeat ${beyond.repeat} of case ${beyond.caseId} is beyond the ${run.repeats} repeats this run was registered for (repeats count from 0)`,
      );
    await insertResults(store, runId, results);
    const updated = (await getRun(store, runId))!;
    res.json({ runId, reported: updated.reported, expectedRuns: updated.expectedRuns, errors: updated.errors });
  });

  router.use(sendHttpError);
  return router;
}
