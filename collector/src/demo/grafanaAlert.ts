import { createHash } from 'node:crypto';
import { signGrafanaBody } from '../alerts/verifyGrafanaSignature.ts';

/**
 * A firing notification exactly as Grafana Alerting's webhook contact point sends it (version
 * "1"), for the rule the provisioning defines on the regression SQL, signed the way Grafana signs
 * it. The demo has no Grafana server, so it sends what one would.
 */
export function grafanaRollbackAlert(options: { agent: string; releaseId: string; metric: string; secret?: string; nowMs: number }) {
  const labels = {
    alertname: 'TrumpetsRegression',
    grafana_folder: 'Trumpets',
    trumpets_action: 'rollback',
    agent: options.agent,
    release_id: options.releaseId,
    metric: options.metric,
  };
  const startsAt = new Date(options.nowMs - 60_000).toISOString();
  const fingerprint = createHash('sha256').update(JSON.stringify(labels)).digest('hex').slice(0, 16);
  const body = JSON.stringify({
    receiver: 'trumpets-rollback',
    status: 'firing',
    orgId: 1,
    alerts: [
      {
        status: 'firing',
        labels,
        annotations: { summary: `${options.metric} regressed in release ${options.releaseId} of ${options.agent}` },
        startsAt,
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://localhost:3000/alerting/grafana/trumpets-regression/view',
        fingerprint,
        silenceURL: 'http://localhost:3000/alerting/silence/new',
        dashboardURL: 'http://localhost:3000/d/trumpets-agent-quality',
        panelURL: '',
        values: { B: 1 },
      },
    ],
    groupLabels: { alertname: 'TrumpetsRegression' },
    commonLabels: labels,
    commonAnnotations: {},
    externalURL: 'http://localhost:3000/',
    version: '1',
    groupKey: `{}/{trumpets_action="rollback"}:{alertname="TrumpetsRegression", agent="${options.agent}"}`,
    truncatedAlerts: 0,
    title: `[FIRING:1] TrumpetsRegression (${options.agent})`,
    state: 'alerting',
    message: `${options.metric} regressed`,
  });
  const timestamp = String(Math.floor(options.nowMs / 1000));
  const headers: Record<string, string> = options.secret
    ? { 'X-Grafana-Alerting-Signature': signGrafanaBody(options.secret, timestamp, body), 'X-Grafana-Alerting-Timestamp': timestamp }
    : {};
  return { body, headers };
}
