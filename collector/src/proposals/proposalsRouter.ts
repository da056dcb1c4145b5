import { Router } from 'express';
import { callerOf } from '../http/requireScope.ts';
import { getDecision, latestDecisionId } from '../gates/decisions/decisionRepository.ts';
import type { Store } from '../store/Store.ts';
import { createProposal } from './createProposal.ts';
import { moveProposal, requireProposal } from './moveProposal.ts';
import { listProposals } from './proposalList.ts';
import { proposalHistory } from './proposalRepository.ts';
import { createProposalSchema } from './proposalRequest.ts';
import { HttpError, parseOr400 } from '../http/HttpError.ts';
import { z } from 'zod';
import {
  idSchema,
  moveProposalRequestSchema,
  proposalListQuery,
  validationRequestSchema,
  type ProposalDetail,
} from '@trumpets/protocol/api';
import { sendHttpError } from '../http/sendHttpError.ts';
import { validateProposal } from './validation/validateProposal.ts';

const comparisonQuery = z.object({ decisionId: idSchema.optional() });

/**
 * Proposals and their validation:
 * POST /api/proposals, GET /api/proposals[?agent&state&limit], GET /api/proposals/:id,
 * POST /api/proposals/:id/events (promote, withdraw), POST /api/proposals/:id/validations,
 * GET /api/proposals/:id/comparison[?decisionId] (per metric and per case).
 */
export function proposalsRouter(deps: { store: Store }): Router {
  const router = Router();
  const { store } = deps;

  router.post('/api/proposals', async (req, res) => {
    const body = parseOr400(createProposalSchema, req.body, 'proposal');
    res.status(201).json(await createProposal(store, body, callerOf(res)));
  });

  router.get('/api/proposals', async (req, res) => {
    const filter = parseOr400(proposalListQuery, req.query, 'query');
    res.json({ proposals: await listProposals(store, filter) });
  });

  router.get('/api/proposals/:id', async (req, res) => {
    const proposal = await requireProposal(store, parseOr400(idSchema, req.params.id, 'proposal id'));
    const decisionId = await latestDecisionId(store, proposal.id);
    const decision = decisionId ? await getDecision(store, decisionId) : undefined;
    const answer: ProposalDetail = {
      ...proposal,
      history: await proposalHistory(store, proposal.id),
      latestDecision: decision
        ? {
            id: decision.id,
            verdict: decision.verdict,
            enforced: decision.enforced,
            reasons: decision.reasons,
            decidedAt: decision.decidedAt,
          }
        : null,
    };
    res.json(answer);
  });

  router.post('/api/proposals/:id/events', async (req, res) => {
    const id = parseOr400(idSchema, req.params.id, 'proposal id');
    const { state, reason } = parseOr400(moveProposalRequestSchema, req.body, 'state change');
    res.json(await moveProposal(store, id, state, reason, callerOf(res)));
  });

  router.post('/api/proposals/:id/validations', async (req, res) => {
    const id = parseOr400(idSchema, req.params.id, 'proposal id');
    const request = parseOr400(validationRequestSchema, req.body, 'validation');
    res.status(201).json(await validateProposal(store, id, request, callerOf(res)));
  });

  router.get('/api/proposals/:id/comparison', async (req, res) => {
    const proposal = await requireProposal(store, parseOr400(idSchema, req.params.id, 'proposal id'));
    const { decisionId } = parseOr400(comparisonQuery, req.query, 'query');
    const id = decisionId ?? (await latestDecisionId(store, proposal.id));
    const decision = id ? await getDecision(store, id) : undefined;
    if (!decision || decision.proposalId !== proposal.id)
      throw new HttpError(
        404,
        decisionId ? `proposal ${proposal.id} has no gate decision ${decisionId}` : `proposal ${proposal.id} has not been validated yet`,
      );
    res.json(decision);
  });

  router.use(sendHttpError);
  return router;
}
