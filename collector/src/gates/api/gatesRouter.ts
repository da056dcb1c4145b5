import { gatePolicySchema, idSchema, nameSchema } from '@trumpets/protocol/api';
import { Router } from 'express';
import { callerOf } from '../../http/requireScope.ts';
import { HttpError, parseOr400 } from '../../http/HttpError.ts';
import { sendHttpError } from '../../http/sendHttpError.ts';
import type { Store } from '../../store/Store.ts';
import { getDecision } from '../decisions/decisionRepository.ts';
import { policyInForce, storePolicy } from '../policy/policyRepository.ts';

/**
 * Gate policies and decisions: GET / PUT /api/agents/:agent/gate-policy (JSON, every field
 * optional, defaults filled in and stored), GET /api/gate-decisions/:id.
 */
export function gatesRouter(deps: { store: Store }): Router {
  const router = Router();
  const { store } = deps;

  router.get('/api/agents/:agent/gate-policy', async (req, res) => {
    res.json(await policyInForce(store, parseOr400(nameSchema, req.params.agent, 'agent')));
  });

  router.put('/api/agents/:agent/gate-policy', async (req, res) => {
    const agent = parseOr400(nameSchema, req.params.agent, 'agent');
    const policy = parseOr400(gatePolicySchema, req.body, 'gate policy');
    res.json(await storePolicy(store, agent, policy, callerOf(res)));
  });

  router.get('/api/gate-decisions/:id', async (req, res) => {
    const id = parseOr400(idSchema, req.params.id, 'decision id');
    const decision = await getDecision(store, id);
    if (!decision) throw new HttpError(404, `no gate decision ${id}`);
    res.json(decision);
  });

  router.use(sendHttpError);
  return router;
}
