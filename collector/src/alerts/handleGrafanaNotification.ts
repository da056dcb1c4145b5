import { createHash } from 'node:crypto';
import { HttpError } from '../http/HttpError.ts';
import type { AgentLock } from '../releases/agentLock.ts';
import { requestRollback, rollbackRelease } from '../releases/releaseActions.ts';
import { releasePolicyInForce } from '../releases/releasePolicyRepository.ts';
import { appendReleaseEvent, listReleases, servingReleases, type Release } from '../releases/releaseRepository.ts';
import { nowMicrosText } from '../shared/clock.ts';
import type { Store } from '../store/Store.ts';
import { ACTION_LABEL, AGENT_LABEL, RELEASE_LABEL, type GrafanaAlert, type GrafanaNotification } from './grafanaNotification.ts';

export type AlertOutcome = 'rolled_back' | 'rollback_pending' | 'already_rolled_back' | 'duplicate' | 'ignored';

export interface AlertResult {
  action: AlertOutcome;
  releaseId: string | null;
  pendingId?: string;
  message: string;
}

/** Refuses the notification (422) after recording the refusal in the audit trail. */
async function refuse(store: Store, agent: string, actor: string, notification: GrafanaNotification, message: string): Promise<never> {
  await appendReleaseEvent(store, {
    agent,
    action: 'alert',
    outcome: 'refused',
    actor,
    reason: message,
    details: { groupKey: notification.groupKey, fingerprints: notification.alerts.map((alert) => alert.fingerprint), status: 422 },
  });
  throw new HttpError(422, message);
}

/**
 * Acts on a Grafana notification: a firing alert labelled `trumpets_action=rollback` with `agent`
 * (and optionally `release_id`) rolls that release back when the agent's policy allows automatic
 * rollback, else records a pending rollback one call confirms. The same alert (group key,
 * fingerprint, startsAt) acts once; resolved alerts never roll back; truncated notifications and
 * labels naming no release or several are refused rather than guessed at.
 */
export async function handleGrafanaNotification(
  deps: { store: Store; lock: AgentLock },
  notification: GrafanaNotification,
  actor: string,
): Promise<AlertResult> {
  const { store, lock } = deps;
  const asking = notification.alerts.filter((alert) => alert.labels[ACTION_LABEL] === 'rollback');
  const firing = asking.filter((alert) => alert.status === 'firing');
  const agents = [...new Set(asking.map((alert) => alert.labels[AGENT_LABEL] ?? ''))];
  const auditAgent = agents.length === 1 ? agents[0]! : '';
  if (notification.truncatedAlerts > 0)
    return refuse(
      store,
      auditAgent,
      actor,
      notification,
      `refused: Grafana truncated ${notification.truncatedAlerts} alert(s) from this notification, so which releases it names is unknown; raise the contact point's max alerts`,
    );
  if (firing.length === 0) {
    const message = asking.length > 0 ? 'resolved: a resolved alert never rolls back' : `no alert is labelled ${ACTION_LABEL}=rollback`;
    await appendReleaseEvent(store, {
      agent: auditAgent,
      action: 'alert',
      outcome: 'noop',
      actor,
      reason: message,
      details: { groupKey: notification.groupKey },
    });
    return { action: 'ignored', releaseId: null, message };
  }

  const targets = new Map<string, { agent: string; release: Release }>();
  for (const alert of firing) {
    const agent = alert.labels[AGENT_LABEL];
    if (!agent)
      return refuse(
        store,
        auditAgent,
        actor,
        notification,
        `refused: alert ${alert.fingerprint} asks for a rollback but has no ${AGENT_LABEL} label`,
      );
    const release = await targetOf(store, agent, alert);
    if (typeof release === 'string') return refuse(store, agent, actor, notification, `refused: alert ${alert.fingerprint} ${release}`);
    targets.set(release.id, { agent, release });
  }
  if (targets.size > 1)
    return refuse(
      store,
      auditAgent,
      actor,
      notification,
      `refused: the alerts name several releases (${[...targets.keys()].join(', ')}); send one release per notification`,
    );
  const [{ agent, release }] = [...targets.values()] as [{ agent: string; release: Release }];

  return lock.run(agent, async () => {
    const keys = firing.map((alert) => notificationKey(notification.groupKey, alert));
    const seen = await store.named<{ NotificationKey: string }>('alert_notifications_seen', { keys });
    const fresh = firing.filter((_, i) => !seen.some((row) => row.NotificationKey === keys[i]));
    const details = {
      groupKey: notification.groupKey,
      fingerprints: firing.map((alert) => alert.fingerprint),
      generatorURL: firing[0]!.generatorURL,
    };
    if (fresh.length === 0) {
      const message = 'duplicate: this alert was already acted on';
      await appendReleaseEvent(store, { agent, releaseId: release.id, action: 'alert', outcome: 'noop', actor, reason: message, details });
      return { action: 'duplicate' as const, releaseId: release.id, message };
    }
    const reason = alertReason(fresh[0]!, notification);
    const { policy } = await releasePolicyInForce(store, agent);
    let result: AlertResult;
    if (policy.autoRollback) {
      const { changed } = await rollbackRelease(store, { releaseId: release.id, actor, reason, details });
      result = changed
        ? { action: 'rolled_back', releaseId: release.id, message: `rolled back release ${release.id}` }
        : { action: 'already_rolled_back', releaseId: release.id, message: `release ${release.id} was already rolled back` };
    } else {
      const pendingId = await requestRollback(store, release, { actor, reason, details });
      result = {
        action: 'rollback_pending',
        releaseId: release.id,
        pendingId,
        message: `agent ${agent}'s release policy does not allow automatic rollback: confirm with POST /api/releases/${release.id}/rollback { reason, pendingId: "${pendingId}" }`,
      };
    }
    await store.insert(
      'alert_notifications',
      fresh.map((alert) => ({
        NotificationKey: notificationKey(notification.groupKey, alert),
        GroupKey: notification.groupKey,
        Fingerprint: alert.fingerprint,
        StartsAt: alert.startsAt,
        Status: alert.status,
        Agent: agent,
        ReleaseId: release.id,
        Action: result.action,
        EventId: result.pendingId ?? '',
        ReceivedAt: nowMicrosText(),
      })),
    );
    return result;
  });
}

/** The release an alert names: its `release_id` label, else the agent's release rolling out, else its stable one. */
async function targetOf(store: Store, agent: string, alert: GrafanaAlert): Promise<Release | string> {
  const all = await listReleases(store, agent);
  const named = alert.labels[RELEASE_LABEL];
  if (named) {
    const release = all.find((candidate) => candidate.id === named);
    return release ?? `names release ${named}, which agent ${agent} does not have`;
  }
  const { stable, candidate } = servingReleases(all);
  return candidate ?? stable ?? `names agent ${agent}, which has no release`;
}

function notificationKey(groupKey: string, alert: GrafanaAlert): string {
  return createHash('sha256').update(`${groupKey}\n${alert.fingerprint}\n${alert.startsAt}`).digest('hex');
}

function alertReason(alert: GrafanaAlert, notification: GrafanaNotification): string {
  const name = alert.labels.alertname ?? notification.title ?? 'Grafana alert';
  const summary = alert.annotations.summary ?? alert.annotations.description ?? notification.message ?? '';
  return `Grafana alert "${name}" firing since ${alert.startsAt}${summary ? `: ${summary}` : ''}`;
}
