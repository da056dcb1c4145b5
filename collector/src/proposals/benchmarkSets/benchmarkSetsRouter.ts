import { Router } from 'express';
import { z } from 'zod';
import { callerOf } from '../../http/requireScope.ts';
import type { Json } from '../../shared/canonicalJson.ts';
import type { Store } from '../../store/Store.ts';
import { HttpError, parseOr400 } from '../../http/HttpError.ts';
import { addCasesSchema, createSetSchema, setIdSchema, type SetDetail } from '@trumpets/protocol/api';
import { sendHttpError } from '../../http/sendHttpError.ts';
import { distinctCases, drawCases, manualCase } from './drawCases.ts';
import { addCasesToSet, findSetVersion } from './setVersions.ts';
import { freezeSetVersion, listSets } from './setRepository.ts';

const versionQuery = z.object({ version: z.coerce.number().int().min(1).optional() });
const listQuery = z.object({ agent: z.string().max(200).default('') });

/**
 * Benchmark sets drawn from real episodes and frozen as versions:
 * POST /api/benchmark-sets (draw, or redraw as the next version), GET /api/benchmark-sets,
 * GET /api/benchmark-sets/:setId[?version=], POST /api/benchmark-sets/:setId/cases (by hand: next version).
 */
export function benchmarkSetsRouter(deps: { store: Store }): Router {
  const router = Router();
  const { store } = deps;

  router.post('/api/benchmark-sets', async (req, res) => {
    const body = parseOr400(createSetSchema, req.body, 'benchmark set');
    const latest = await findSetVersion(store, body.setId);
    if (latest && latest.set.agent !== body.agent) {
      throw new HttpError(409, `benchmark set ${body.setId} belongs to agent ${latest.set.agent}, not ${body.agent}`);
    }
    const fromMs = body.since ? Date.parse(body.since) : 0;
    const drawn = await drawCases(store, body.agent, body.rules, fromMs);
    const cases = distinctCases([...drawn.cases, ...body.cases.map((given) => manualCase(given))]);
    if (cases.length === 0) throw new HttpError(400, 'no cases: the rules matched no stored episodes and no cases were given by hand');
    const rules = { drawn: drawn.report, since: body.since ?? null, byHand: body.cases.length } as unknown as Json;
    const set = await freezeSetVersion(store, {
      setId: body.setId,
      agent: body.agent,
      description: body.description,
      rules,
      parentVersion: latest?.set.version ?? null,
      cases,
      createdBy: callerOf(res),
    });
    res.status(201).json(set);
  });

  router.get('/api/benchmark-sets', async (req, res) => {
    const { agent } = parseOr400(listQuery, req.query, 'query');
    res.json({ sets: await listSets(store, agent) });
  });

  router.get('/api/benchmark-sets/:setId', async (req, res) => {
    const setId = parseOr400(setIdSchema, req.params.setId, 'set id');
    const { version } = parseOr400(versionQuery, req.query, 'query');
    const found = await findSetVersion(store, setId, version);
    if (!found) throw new HttpError(404, version ? `benchmark set ${setId} has no version ${version}` : `no benchmark set ${setId}`);
    res.json({ ...found.set, versions: found.versions, cases: found.cases } satisfies SetDetail);
  });

  router.post('/api/benchmark-sets/:setId/cases', async (req, res) => {
    const setId = parseOr400(setIdSchema, req.params.setId, 'set id');
    const body = parseOr400(addCasesSchema, req.body, 'cases');
    const set = await addCasesToSet(
      store,
      setId,
      body.cases.map((given) => manualCase(given)),
      callerOf(res),
    );
    res.status(201).json(set);
  });

  router.use(sendHttpError);
  return router;
}
