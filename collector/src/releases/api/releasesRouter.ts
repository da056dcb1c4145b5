import { Router } from 'express';
import { callerOf } from '../../http/requireScope.ts';
import { getConfig } from '../../configs/configRepository.ts';
import { HttpError, parseOr400 } from '../../http/HttpError.ts';
import { idSchema, nameSchema, type RolloutView } from '@trumpets/protocol/api';
import { sendHttpError } from '../../http/sendHttpError.ts';
import { listRegressions } from '../../regressions/regressionRepository.ts';
import type { Store } from '../../store/Store.ts';
import type { AgentLock } from '../agentLock.ts';
import { abortRelease, advanceRelease, pauseRelease, resumeRelease, rollbackRelease, type ActionResult } from '../releaseActions.ts';
import { releasePolicyInForce, storeReleasePolicy } from '../releasePolicyRepository.ts';
import { releasePolicySchema } from '@trumpets/protocol/api';
import { eventFromRow, findRelease, listReleases, servingReleases, type EventRow } from '../releaseRepository.ts';
import { promoteRelease } from '../promoteRelease.ts';
import { auditEntry, releaseView } from './releaseView.ts';
import {
  actionRequestSchema,
  auditQuerySchema,
  promoteRequestSchema,
  regressionQuerySchema,
  releaseListQuerySchema,
  rollbackRequestSchema,
  type ReleaseDetail,
} from '@trumpets/protocol/api';

const DAY_MS = 24 * 60 * 60 * 1000;
const ACTIONS = { advance: advanceRelease, pause: pauseRelease, resume: resumeRelease, abort: abortRelease } as const;

/**
 * Releases and their rollout: POST/GET /api/releases, GET /api/releases/:id,
 * POST /api/releases/:id/{advance,pause,resume,abort,rollback}, GET /api/audit,
 * GET/PUT /api/agents/:agent/release-policy, GET /api/agents/:agent/rollout, GET /api/regressions.
 */
export function releasesRouter(deps: { store: Store; lock: AgentLock }): Router {
  const router = Router();
  const { store, lock } = deps;

  const agentOf = async (releaseId: string): Promise<string> => {
    const [row] = await store.named<{ Agent: string }>('release_agent', { releaseId });
    if (!row) throw new HttpError(404, `no release ${releaseId}`);
    return row.Agent;
  };
  const answer = async (result: ActionResult) => {
    const all = await listReleases(store, result.release.agent);
    return { ...releaseView(result.release, servingReleases(all).stable?.id), changed: result.changed };
  };

  router.post('/api/releases', async (req, res) => {
    const body = parseOr400(promoteRequestSchema, req.body, 'release');
    const release = await lock.run(body.agent, () => promoteRelease(store, body, callerOf(res)));
    const all = await listReleases(store, body.agent);
    res.status(201).json(releaseView(release, servingReleases(all).stable?.id));
  });

  router.get('/api/releases', async (req, res) => {
    const { agent } = parseOr400(releaseListQuerySchema, req.query, 'query');
    const all = await listReleases(store, agent);
    const stableId = servingReleases(all).stable?.id;
    res.json({ releases: all.map((release) => releaseView(release, stableId)).reverse() });
  });

  router.get('/api/releases/:id', async (req, res) => {
    const id = parseOr400(idSchema, req.params.id, 'release id');
    const found = await findRelease(store, id);
    if (!found) throw new HttpError(404, `no release ${id}`);
    const detail: ReleaseDetail = {
      ...releaseView(found.release, servingReleases(found.all).stable?.id),
      events: found.release.events.map(auditEntry),
      regressions: await listRegressions(store, found.release.agent, id),
    };
    res.json(detail);
  });

  for (const [name, action] of Object.entries(ACTIONS)) {
    router.post(`/api/releases/:id/${name}`, async (req, res) => {
      const releaseId = parseOr400(idSchema, req.params.id, 'release id');
      const { reason } = parseOr400(actionRequestSchema, req.body, name);
      const agent = await agentOf(releaseId);
      res.json(await answer(await lock.run(agent, () => action(store, { releaseId, reason, actor: callerOf(res) }))));
    });
  }

  router.post('/api/releases/:id/rollback', async (req, res) => {
    const releaseId = parseOr400(idSchema, req.params.id, 'release id');
    const { reason, pendingId } = parseOr400(rollbackRequestSchema, req.body, 'rollback');
    const agent = await agentOf(releaseId);
    res.json(await answer(await lock.run(agent, () => rollbackRelease(store, { releaseId, reason, pendingId, actor: callerOf(res) }))));
  });

  router.get('/api/audit', async (req, res) => {
    const query = parseOr400(auditQuerySchema, req.query, 'query');
    const toMs = query.to === undefined ? Date.now() : new Date(query.to).getTime();
    const fromMs = query.from === undefined ? toMs - 30 * DAY_MS : new Date(query.from).getTime();
    const rows = await store.named<EventRow>('release_audit', { agent: query.agent, fromMs, toMs, limit: query.limit });
    res.json({ entries: rows.map((row) => auditEntry(eventFromRow(row))) });
  });

  router.get('/api/agents/:agent/release-policy', async (req, res) => {
    res.json(await releasePolicyInForce(store, parseOr400(nameSchema, req.params.agent, 'agent')));
  });

  router.put('/api/agents/:agent/release-policy', async (req, res) => {
    const agent = parseOr400(nameSchema, req.params.agent, 'agent');
    const policy = parseOr400(releasePolicySchema, req.body, 'release policy');
    res.json(await lock.run(agent, () => storeReleasePolicy(store, agent, policy, callerOf(res))));
  });

  router.get('/api/agents/:agent/rollout', async (req, res) => {
    const agent = parseOr400(nameSchema, req.params.agent, 'agent');
    const { stable, candidate } = servingReleases(await listReleases(store, agent));
    const configOf = async (version: string) => (await getConfig(store, agent, version))?.config ?? null;
    const view: RolloutView = {
      agent,
      stable: stable ? { releaseId: stable.id, configVersion: stable.configVersion, config: await configOf(stable.configVersion) } : null,
      candidate: candidate
        ? {
            releaseId: candidate.id,
            configVersion: candidate.configVersion,
            config: await configOf(candidate.configVersion),
            percent: candidate.state.percent,
            stageIndex: candidate.state.stageIndex,
            status: candidate.state.status,
          }
        : null,
    };
    res.json(view);
  });

  router.get('/api/regressions', async (req, res) => {
    const { agent, release } = parseOr400(regressionQuerySchema, req.query, 'query');
    res.json({ regressions: await listRegressions(store, agent, release) });
  });

  router.use(sendHttpError);
  return router;
}
