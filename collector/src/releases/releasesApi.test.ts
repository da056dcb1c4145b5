import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessCollector, type InProcessCollector } from '../testing/inProcessCollector.ts';
import { jsonApi, proposeChange, registerConfig, storeGateDecision } from '../testing/releaseFixtures.ts';

/** The release API: promotion and its refusals, rollout actions in each state, rollback, the audit trail. */
let harness: InProcessCollector;
let api: ReturnType<typeof jsonApi>;
let baselineVersion = '';
let firstReleaseId = '';

const AGENT = 'shop';
const config = { prompts: { system: 'You help with orders.' }, thresholds: { refund_limit: 200 } };

async function decidedProposal(after: number, verdict: string): Promise<string> {
  const proposal = await proposeChange(api, AGENT, baselineVersion, '/thresholds/refund_limit', 200, after);
  await storeGateDecision(harness.store, proposal.id, AGENT, verdict);
  return proposal.id;
}

beforeAll(async () => {
  harness = await startInProcessCollector();
  api = jsonApi(harness.request);
  baselineVersion = await registerConfig(api, AGENT, config);
});
afterAll(async () => {
  await harness?.close();
});

describe('promotion', () => {
  it('makes the first release from a config version, serving everyone at once', async () => {
    const created = await api('/api/releases', 'POST', {
      agent: AGENT,
      configVersion: baselineVersion,
      owner: 'ana',
      reason: 'what runs today',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'released', percent: 100, isStable: true, previousReleaseId: null, owner: 'ana' });
    firstReleaseId = created.body.id;
    const again = await api('/api/releases', 'POST', { agent: AGENT, configVersion: baselineVersion, owner: 'ana', reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/already has releases; later releases come from validated proposals/);
  });

  it('refuses a proposal without a passing gate decision, and an override without a reason', async () => {
    const undecided = await proposeChange(api, AGENT, baselineVersion, '/thresholds/refund_limit', 200, 120);
    const none = await api('/api/releases', 'POST', { agent: AGENT, proposalId: undecided.id, owner: 'ana', reason: 'try' });
    expect(none.status).toBe(409);
    expect(none.body.message).toMatch(/has no gate decision yet/);

    const failed = await decidedProposal(130, 'fail');
    const refused = await api('/api/releases', 'POST', { agent: AGENT, proposalId: failed, owner: 'ana', reason: 'try' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/latest gate decision .* is fail: quality fail; an act caller may send override/);
    const blank = await api('/api/releases', 'POST', {
      agent: AGENT,
      proposalId: failed,
      owner: 'ana',
      reason: 'try',
      override: { reason: '  ' },
    });
    expect(blank.status).toBe(400);
    expect(blank.body.message).toMatch(/an override needs a reason/);

    const overridden = await api('/api/releases', 'POST', {
      agent: AGENT,
      proposalId: failed,
      owner: 'ana',
      reason: 'hotfix',
      override: { reason: 'the failing cases are obsolete' },
    });
    expect(overridden.status).toBe(201);
    expect(overridden.body).toMatchObject({
      status: 'rolling_out',
      percent: 5,
      stageIndex: 0,
      overrideReason: 'the failing cases are obsolete',
    });
    expect(overridden.body.previousReleaseId).toBe(firstReleaseId);

    const second = await api('/api/releases', 'POST', {
      agent: AGENT,
      proposalId: await decidedProposal(140, 'pass'),
      owner: 'ana',
      reason: 'x',
    });
    expect(second.status).toBe(409);
    expect(second.body.message).toMatch(/is rolling_out; advance it to 100%, abort it or roll it back first/);
    await api(`/api/releases/${overridden.body.id}/abort`, 'POST', { reason: 'clear the way' });
  });
});

describe('rollout actions', () => {
  it('advance, pause, resume and abort, each refused where it makes no sense', async () => {
    const proposalId = await decidedProposal(150, 'pass');
    const release = (await api('/api/releases', 'POST', { agent: AGENT, proposalId, owner: 'bo', reason: 'lower limit' })).body;
    const path = `/api/releases/${release.id}`;
    expect((await api(`${path}/advance`, 'POST', { reason: 'looks fine' })).body).toMatchObject({ stageIndex: 1, percent: 25 });
    expect((await api(`${path}/pause`, 'POST', { reason: 'weekend' })).body).toMatchObject({ status: 'paused', changed: true });
    expect((await api(`${path}/pause`, 'POST', { reason: 'weekend' })).body).toMatchObject({ status: 'paused', changed: false });
    const blocked = await api(`${path}/advance`, 'POST', { reason: 'go' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toMatch(/is paused \(test: weekend\); resume it first/);
    expect((await api(`${path}/resume`, 'POST', { reason: 'monday' })).body).toMatchObject({ status: 'rolling_out', percent: 25 });
    expect((await api(`${path}/advance`, 'POST', {})).status).toBe(400);

    const rollout = (await api(`/api/agents/${AGENT}/rollout`)).body;
    expect(rollout.stable).toMatchObject({ releaseId: firstReleaseId, configVersion: baselineVersion, config });
    expect(rollout.candidate).toMatchObject({ releaseId: release.id, percent: 25, config: { thresholds: { refund_limit: 150 } } });

    expect((await api(`${path}/abort`, 'POST', { reason: 'not now' })).body).toMatchObject({ status: 'aborted', percent: 0 });
    expect((await api(`/api/agents/${AGENT}/rollout`)).body.candidate).toBeNull();
    const resumed = await api(`${path}/resume`, 'POST', { reason: 'again' });
    expect(resumed.status).toBe(409);
  });

  it('rolls a released release back to the previous one, once however often it is asked', async () => {
    const proposalId = await decidedProposal(160, 'marginal');
    const release = (await api('/api/releases', 'POST', { agent: AGENT, proposalId, owner: 'bo', reason: 'lower limit' })).body;
    const path = `/api/releases/${release.id}`;
    for (let i = 0; i < 3; i++) await api(`${path}/advance`, 'POST', { reason: `stage ${i + 2}` });
    expect((await api(path)).body).toMatchObject({ status: 'released', percent: 100, isStable: true });
    expect((await api(`/api/agents/${AGENT}/rollout`)).body.stable.releaseId).toBe(release.id);

    const [first, second] = await Promise.all([
      api(`${path}/rollback`, 'POST', { reason: 'refund complaints' }),
      api(`${path}/rollback`, 'POST', { reason: 'refund complaints' }),
    ]);
    expect([first.body.changed, second.body.changed].sort()).toEqual([false, true]);
    const detail = (await api(path)).body;
    expect(detail.status).toBe('rolled_back');
    const rollbacks = detail.events.filter((event: any) => event.action === 'rolled_back');
    expect(rollbacks.map((event: any) => event.outcome).sort()).toEqual(['done', 'noop']);
    expect(rollbacks.find((event: any) => event.outcome === 'done').details.restored).toBe(firstReleaseId);
    expect((await api(`/api/agents/${AGENT}/rollout`)).body.stable.releaseId).toBe(firstReleaseId);

    const firstRollback = await api(`/api/releases/${firstReleaseId}/rollback`, 'POST', { reason: 'try' });
    expect(firstRollback.status).toBe(409);
    expect(firstRollback.body.message).toMatch(/first release; there is no previous release to restore/);

    const again = await api('/api/releases', 'POST', { agent: AGENT, proposalId, owner: 'bo', reason: 'fixed the complaints' });
    expect(again.status).toBe(201);
    await api(`/api/releases/${again.body.id}/abort`, 'POST', { reason: 'done testing' });
  });
});

describe('policy and audit trail', () => {
  it('stores a release policy with its defaults and refuses a bad one', async () => {
    const bad = await api(`/api/agents/${AGENT}/release-policy`, 'PUT', { stages: [50, 20] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/stages must rise; stages: the last stage must be 100/);
    const stored = await api(`/api/agents/${AGENT}/release-policy`, 'PUT', { stages: [10, 100], autoRollback: true });
    expect(stored.body.policy).toMatchObject({ stages: [10, 100], autoRollback: true, soakMinutes: 60, alpha: 0.01 });
  });

  it('lists every action with actor and reason, refusals included', async () => {
    const { entries } = (await api(`/api/audit?agent=${AGENT}`)).body;
    const refused = entries.filter((entry: any) => entry.outcome === 'refused');
    expect(refused.length).toBeGreaterThanOrEqual(6);
    expect(refused.every((entry: any) => entry.actor === 'test' && entry.details.refusal)).toBe(true);
    expect(entries.some((entry: any) => entry.action === 'policy_changed')).toBe(true);
    expect(entries.some((entry: any) => entry.action === 'paused' && entry.reason === 'weekend')).toBe(true);
    const none = (await api(`/api/audit?agent=${AGENT}&to=2020-01-01T00:00:00Z`)).body.entries;
    expect(none).toEqual([]);
  });
});
