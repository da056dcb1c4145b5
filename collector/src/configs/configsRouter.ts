import { Router } from 'express';
import { z } from 'zod';
import { callerOf } from '../http/requireScope.ts';
import { HttpError, parseOr400 } from '../http/HttpError.ts';
import { nameSchema, registerConfigRequestSchema, versionSchema, type RegisteredConfig } from '@trumpets/protocol/api';
import { sendHttpError } from '../http/sendHttpError.ts';
import type { Store } from '../store/Store.ts';
import type { Json } from '../shared/canonicalJson.ts';
import { getConfig, listConfigs, registerConfig } from './configRepository.ts';

const listSchema = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

/**
 * Agent configs, immutable and content-addressed:
 * POST /api/agents/:agent/configs, GET /api/agents/:agent/configs, GET /api/agents/:agent/configs/:version.
 */
export function configsRouter(deps: { store: Store }): Router {
  const router = Router();
  const { store } = deps;

  router.post('/api/agents/:agent/configs', async (req, res) => {
    const agent = parseOr400(nameSchema, req.params.agent, 'agent');
    const body = parseOr400(registerConfigRequestSchema, req.body, 'config registration');
    if (body.parentVersion && !(await getConfig(store, agent, body.parentVersion))) {
      throw new HttpError(404, `agent ${agent} has no config version ${body.parentVersion} to derive from`);
    }
    const { stored, created } = await registerConfig(store, {
      agent,
      config: body.config as Json,
      note: body.note,
      parentVersion: body.parentVersion,
      createdBy: callerOf(res),
    });
    res.status(created ? 201 : 200).json({ ...stored, created } satisfies RegisteredConfig);
  });

  router.get('/api/agents/:agent/configs', async (req, res) => {
    const agent = parseOr400(nameSchema, req.params.agent, 'agent');
    const { limit } = parseOr400(listSchema, req.query, 'query');
    res.json({ agent, configs: await listConfigs(store, agent, limit) });
  });

  router.get('/api/agents/:agent/configs/:version', async (req, res) => {
    const agent = parseOr400(nameSchema, req.params.agent, 'agent');
    const version = parseOr400(versionSchema, req.params.version, 'version');
    const stored = await getConfig(store, agent, version);
    if (!stored) throw new HttpError(404, `agent ${agent} has no config version ${version}`);
    res.json(stored);
  });

  router.use(sendHttpError);
  return router;
}
