import express, { Router } from 'express';
import { callerOf } from '../http/requireScope.ts';
import { HttpError } from '../http/HttpError.ts';
import { sendHttpError } from '../http/sendHttpError.ts';
import type { AgentLock } from '../releases/agentLock.ts';
import { appendReleaseEvent } from '../releases/releaseRepository.ts';
import type { Store } from '../store/Store.ts';
import { grafanaNotificationSchema } from './grafanaNotification.ts';
import { handleGrafanaNotification } from './handleGrafanaNotification.ts';
import { signatureProblem, type WebhookSigning } from './verifyGrafanaSignature.ts';

export interface AlertsRouterDeps {
  store: Store;
  lock: AgentLock;
  signing: WebhookSigning;
  /** Milliseconds since the epoch, for the signature's time window. Default Date.now. */
  now?: () => number;
}

/**
 * POST /api/alerts/grafana: Grafana Alerting's webhook contact point. Mounted before the JSON body
 * parser, because the signature is over the raw bytes. 401 unsigned, badly signed or stale (when a
 * secret is set), 400 not the webhook format, 422 truncated or naming no release or several; each
 * refusal is in the audit trail and changes nothing else.
 */
export function alertsRouter(deps: AlertsRouterDeps): Router {
  const router = Router();
  const now = deps.now ?? Date.now;

  router.post('/api/alerts/grafana', express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    const actor = callerOf(res);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const refuse = async (status: number, message: string): Promise<never> => {
      await appendReleaseEvent(deps.store, { agent: '', action: 'alert', outcome: 'refused', actor, reason: message, details: { status } });
      throw new HttpError(status, message);
    };
    const problem = signatureProblem(deps.signing, req.headers, body, now());
    if (problem) await refuse(401, `webhook signature refused: ${problem}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      await refuse(400, 'invalid Grafana notification: the body is not JSON');
    }
    const checked = grafanaNotificationSchema.safeParse(parsed);
    if (!checked.success) {
      const problems = checked.error.issues.map((issue) =>
        issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
      );
      await refuse(400, `invalid Grafana notification: ${problems.join('; ')}`);
    }
    const result = await handleGrafanaNotification(deps, checked.data!, actor);
    res.status(result.action === 'rollback_pending' ? 202 : 200).json(result);
  });

  router.use(sendHttpError);
  return router;
}
