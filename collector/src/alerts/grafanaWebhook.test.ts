import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessCollector, TEST_TOKEN, type InProcessCollector } from '../testing/inProcessCollector.ts';
import { jsonApi, proposeChange, registerConfig, storeGateDecision } from '../testing/releaseFixtures.ts';
import { signGrafanaBody } from './verifyGrafanaSignature.ts';

/** The Grafana Alerting webhook: every way a notification can be wrong changes nothing; a good one acts once. */
const SECRET = 'grafana-hmac-secret';
const AGENT = 'desk';
let harness: InProcessCollector;
let api: ReturnType<typeof jsonApi>;
let releaseId = '';
let baselineReleaseId = '';

function notification(overrides: Record<string, unknown> = {}, alert: Record<string, unknown> = {}) {
  return {
    receiver: 'trumpets',
    status: 'firing',
    orgId: 1,
    version: '1',
    groupKey: '{}:{alertname="desk success rate"}',
    truncatedAlerts: 0,
    title: '[FIRING:1] desk success rate',
    alerts: [
      {
        status: 'firing',
        labels: { alertname: 'desk success rate', agent: AGENT, trumpets_action: 'rollback', ...((alert.labels as object) ?? {}) },
        annotations: { summary: 'success rate fell 12 points' },
        startsAt: '2026-12-01T10:00:00Z',
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://grafana/alerting/grafana/abc/view',
        fingerprint: 'f1',
        ...alert,
        ...(alert.labels ? { labels: { alertname: 'x', ...(alert.labels as object) } } : {}),
      },
    ],
    ...overrides,
  };
}

async function send(body: unknown, options: { sign?: 'good' | 'wrong' | 'none'; stampMs?: number; token?: string } = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const stamp = String(Math.floor((options.stampMs ?? Date.now()) / 1000));
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${options.token ?? TEST_TOKEN}` };
  if ((options.sign ?? 'good') !== 'none') {
    headers['x-grafana-alerting-timestamp'] = stamp;
    headers['x-grafana-alerting-signature'] =
      options.sign === 'wrong' ? signGrafanaBody('another secret', stamp, text) : signGrafanaBody(SECRET, stamp, text);
  }
  const response = await fetch(`${harness.collector.url}/api/alerts/grafana`, { method: 'POST', headers, body: text });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const stateOf = async () => (await api(`/api/releases/${releaseId}`)).body;

beforeAll(async () => {
  harness = await startInProcessCollector({
    alerts: { webhookSecret: SECRET, signatureHeader: 'X-Grafana-Alerting-Signature', timestampHeader: 'X-Grafana-Alerting-Timestamp' },
  });
  api = jsonApi(harness.request);
  const baseline = await registerConfig(api, AGENT, { prompts: { system: 'Be brief.' } });
  baselineReleaseId = (await api('/api/releases', 'POST', { agent: AGENT, configVersion: baseline, owner: 'ana', reason: 'baseline' })).body
    .id;
  const proposal = await proposeChange(api, AGENT, baseline, '/prompts/system', 'Be brief.', 'Be thorough.');
  await storeGateDecision(harness.store, proposal.id, AGENT, 'pass');
  releaseId = (await api('/api/releases', 'POST', { agent: AGENT, proposalId: proposal.id, owner: 'ana', reason: 'more thorough answers' }))
    .body.id;
});
afterAll(async () => {
  await harness?.close();
});

describe('refused notifications change nothing', () => {
  it.each([
    ['unsigned while a secret is set', () => send(notification(), { sign: 'none' }), 401, /unsigned/],
    ['signed with another secret', () => send(notification(), { sign: 'wrong' }), 401, /does not match/],
    ['with a stale timestamp', () => send(notification(), { stampMs: Date.now() - 10 * 60_000 }), 401, /stale/],
    ['with an unknown token', () => send(notification(), { token: 'not-a-token-at-all-1234' }), 401, /unknown token/],
    ['that is not JSON', () => send('{"status": "firing", '), 400, /not JSON/],
    ['in another format', () => send({ ...notification(), version: '4' }), 400, /version must be "1"/],
    ['with truncated alerts', () => send(notification({ truncatedAlerts: 3 })), 422, /truncated 3 alert/],
    [
      'naming an unknown release',
      () =>
        send(
          notification({}, { labels: { agent: AGENT, trumpets_action: 'rollback', release_id: '00000000-0000-4000-8000-000000000000' } }),
        ),
      422,
      /does not have/,
    ],
    ['naming no agent', () => send(notification({}, { labels: { trumpets_action: 'rollback' } })), 422, /no agent label/],
  ])('%s', async (_name, call, status, message) => {
    const answer = await call();
    expect(answer.status).toBe(status);
    expect(answer.body.message).toMatch(message);
    const release = await stateOf();
    expect(release).toMatchObject({ status: 'rolling_out', pendingRollbacks: [] });
  });

  it('refuses alerts naming several releases', async () => {
    const body = notification();
    const other = { ...body.alerts[0]!, fingerprint: 'f2', labels: { ...body.alerts[0]!.labels, release_id: baselineReleaseId } };
    const answer = await send({ ...body, alerts: [...body.alerts, other] });
    expect(answer.status).toBe(422);
    expect(answer.body.message).toMatch(/name several releases/);
    expect((await stateOf()).pendingRollbacks).toEqual([]);
  });

  it('records every refusal in the audit trail', async () => {
    const { entries } = (await api('/api/audit')).body;
    const refusals = entries.filter((entry: any) => entry.action === 'alert' && entry.outcome === 'refused');
    expect(refusals.length).toBe(9);
    expect(refusals.every((entry: any) => entry.actor === 'test' && entry.reason.length > 0)).toBe(true);
  });
});

describe('a firing rollback alert', () => {
  it('never acts when resolved', async () => {
    const answer = await send(notification({ status: 'resolved' }, { status: 'resolved' }));
    expect(answer.body).toMatchObject({ action: 'ignored' });
    expect((await stateOf()).status).toBe('rolling_out');
  });

  it('asks a person to confirm when the policy does not allow automatic rollback, once per alert', async () => {
    const first = await send(notification());
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ action: 'rollback_pending', releaseId });
    const repeat = await send(notification());
    expect(repeat.body).toMatchObject({ action: 'duplicate' });
    const release = await stateOf();
    expect(release.status).toBe('rolling_out');
    expect(release.pendingRollbacks).toHaveLength(1);
    expect(release.pendingRollbacks[0]).toMatchObject({
      id: first.body.pendingId,
      actor: 'test',
      reason: expect.stringMatching(/success rate fell 12 points/),
    });

    const wrong = await api(`/api/releases/${releaseId}/rollback`, 'POST', {
      reason: 'confirm',
      pendingId: '00000000-0000-4000-8000-000000000000',
    });
    expect(wrong.status).toBe(409);
    const confirmed = await api(`/api/releases/${releaseId}/rollback`, 'POST', {
      reason: 'confirmed from the alert',
      pendingId: first.body.pendingId,
    });
    expect(confirmed.body).toMatchObject({ status: 'rolled_back', changed: true, pendingRollbacks: [] });
  });

  it('rolls back by itself when the policy allows it, and a repeat does nothing more', async () => {
    await api(`/api/agents/${AGENT}/release-policy`, 'PUT', { autoRollback: true });
    const baseline = (await api(`/api/agents/${AGENT}/rollout`)).body.stable;
    const proposal = await proposeChange(api, AGENT, baseline.configVersion, '/prompts/system', 'Be brief.', 'Be kind.');
    await storeGateDecision(harness.store, proposal.id, AGENT, 'pass');
    const id = (await api('/api/releases', 'POST', { agent: AGENT, proposalId: proposal.id, owner: 'ana', reason: 'kinder' })).body.id;
    const alert = notification({}, { fingerprint: 'f9', startsAt: '2026-12-01T11:00:00Z' });
    const [a, b] = await Promise.all([send(alert), send(alert)]);
    expect([a.body.action, b.body.action].sort()).toEqual(['duplicate', 'rolled_back']);
    const detail = (await api(`/api/releases/${id}`)).body;
    expect(detail.status).toBe('rolled_back');
    expect(detail.events.filter((event: any) => event.action === 'rolled_back' && event.outcome === 'done')).toHaveLength(1);
    expect((await api(`/api/agents/${AGENT}/rollout`)).body).toMatchObject({ stable: { releaseId: baseline.releaseId }, candidate: null });
  });
});
