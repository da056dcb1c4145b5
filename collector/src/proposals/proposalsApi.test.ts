import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomHexId } from '../testing/otlpRequests.ts';
import { startInProcessCollector, type InProcessCollector } from '../testing/inProcessCollector.ts';

/** The HTTP contract of configs, proposals, benchmark sets, runs and gate policies: shapes, refusals and their messages. */
let harness: InProcessCollector;
let baselineVersion = '';

type Body = Record<string, any>;
async function api(path: string, method = 'GET', body?: unknown): Promise<{ status: number; body: Body; headers: Headers }> {
  const response = await harness.request(path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Body, headers: response.headers };
}

const config = {
  prompts: { system: 'You help with orders.' },
  thresholds: { refund_limit: 200 },
  routing: { rules: [{ match: 'refund', workflow: 'refunds' }] },
};
const proposal = (overrides: Body = {}) => ({
  agent: 'shop',
  baselineVersion,
  target: '/thresholds/refund_limit',
  change: { before: 200, after: 150 },
  rationale: 'refunds above 150 are where the failures cluster',
  author: { kind: 'person', name: 'ana' },
  ...overrides,
});

beforeAll(async () => {
  harness = await startInProcessCollector();
  baselineVersion = (await api('/api/agents/shop/configs', 'POST', { config, note: 'v1' })).body.version;
  await api('/api/benchmark-sets', 'POST', {
    setId: 'shop-manual',
    agent: 'shop',
    cases: Array.from({ length: 4 }, (_, i) => ({ input: { question: `q${i}` }, reference: `a${i}`, tags: i === 0 ? ['high-risk'] : [] })),
  });
});
afterAll(async () => {
  await harness?.close();
});

describe('agent configs', () => {
  it('are content-addressed: the same document in another key order is the same version, registered once', async () => {
    const again = await api('/api/agents/shop/configs', 'POST', {
      config: { thresholds: { refund_limit: 200 }, routing: config.routing, prompts: config.prompts },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ version: baselineVersion, created: false, note: 'v1' });
    const fetched = await api(`/api/agents/shop/configs/${baselineVersion}`);
    expect(fetched.body.config).toEqual(config);
    expect((await api(`/api/agents/shop/configs/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await api('/api/agents/shop/configs', 'POST', { config: ['not', 'an', 'object'] })).body.message).toBe(
      'invalid config registration: config: config must be a JSON object',
    );
  });
});

describe('proposals', () => {
  it('register the candidate as a config of its own, derived from the baseline', async () => {
    const created = await api('/api/proposals', 'POST', proposal());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      agent: 'shop',
      state: 'draft',
      target: { kind: 'config', path: '/thresholds/refund_limit', baselineVersion, before: 200, after: 150 },
    });
    const candidate = await api(`/api/agents/shop/configs/${created.body.target.candidateVersion}`);
    expect(candidate.body).toMatchObject({
      parentVersion: baselineVersion,
      proposalId: created.body.id,
      config: { thresholds: { refund_limit: 150 } },
    });
  });

  it('are refused when they change more than one target, with the reason small proposals matter', async () => {
    const refused = await api(
      '/api/proposals',
      'POST',
      proposal({ target: ['/thresholds/refund_limit', '/prompts/system'], change: [{ before: 200, after: 150 }, { after: 'Be brief.' }] }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(
      /^refused: a proposal changes one target; this one names 2 \(\/thresholds\/refund_limit, \/prompts\/system\)\. Small proposals are what make a verdict mean something/,
    );
    const wholeConfig = await api('/api/proposals', 'POST', proposal({ target: '', change: { before: config, after: {} } }));
    expect(wholeConfig.body.message).toMatch(/^refused: the target is the whole config/);
  });

  it('are refused when written against something the baseline does not hold (409) or a baseline that does not exist (404)', async () => {
    const stale = await api('/api/proposals', 'POST', proposal({ change: { before: 300, after: 150 } }));
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe(
      'the change does not fit the baseline: /thresholds/refund_limit holds 200 in the baseline, not the stated "before" 300',
    );
    const unknown = await api('/api/proposals', 'POST', proposal({ baselineVersion: 'f'.repeat(64) }));
    expect(unknown.status).toBe(404);
    expect((await api('/api/proposals/not-an-id')).status).toBe(400);
    expect((await api('/api/proposals/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('move by append-only events: withdrawn from draft is final; promotion needs validation first', async () => {
    const { id } = (await api('/api/proposals', 'POST', proposal())).body;
    const early = await api(`/api/proposals/${id}/events`, 'POST', { state: 'promoted', reason: 'looks fine' });
    expect(early.status).toBe(409);
    expect(early.body.message).toBe(`proposal ${id} is draft and cannot become promoted; from draft it can become validating or withdrawn`);
    expect((await api(`/api/proposals/${id}/events`, 'POST', { state: 'withdrawn', reason: 'superseded' })).body.state).toBe('withdrawn');
    const detail = await api(`/api/proposals/${id}`);
    expect(detail.body.history.map((event: Body) => [event.state, event.reason])).toEqual([
      ['draft', 'proposed'],
      ['withdrawn', 'superseded'],
    ]);
    expect((await api(`/api/proposals?agent=shop&state=withdrawn`)).body.proposals.map((p: Body) => p.id)).toEqual([id]);
  });

  it('can add a benchmark case, which promotion freezes into the next version of its set', async () => {
    const created = await api('/api/proposals', 'POST', {
      agent: 'shop',
      benchmarkCase: { setId: 'shop-manual', input: { question: 'refund a gift card?' }, reference: 'no', tags: ['edge'] },
      rationale: 'gift cards are never covered',
      author: { kind: 'agent', name: 'critic-bot' },
    });
    expect(created.status).toBe(201);
    const promoted = await api(`/api/proposals/${created.body.id}/events`, 'POST', { state: 'promoted', reason: 'a real gap' });
    expect(promoted.body.state).toBe('promoted');
    const set = await api('/api/benchmark-sets/shop-manual');
    expect(set.body.version).toBe(2);
    expect(set.body.cases).toHaveLength(5);
    expect(set.body.cases.find((c: Body) => c.origin === 'proposal')).toMatchObject({
      input: { question: 'refund a gift card?' },
      reference: 'no',
      tags: ['edge'],
    });
    expect((await api('/api/benchmark-sets/shop-manual?version=1')).body.cases).toHaveLength(4);
  });
});

describe('validation runs and decisions', () => {
  it('refuse results for cases outside the frozen set version', async () => {
    const { id } = (await api('/api/proposals', 'POST', proposal())).body;
    const run = await api('/api/benchmark-runs', 'POST', { proposalId: id, variant: 'baseline', setId: 'shop-manual', setVersion: 1 });
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ variant: 'baseline', configVersion: baselineVersion, setVersion: 1, expectedRuns: 4, config });
    expect((await api(`/api/proposals/${id}`)).body.state).toBe('validating');
    const refused = await api(`/api/benchmark-runs/${run.body.runId}/results`, 'POST', {
      results: [{ caseId: 'nope', repeat: 0, episodeId: randomHexId(16) }],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('cases not in benchmark set shop-manual version 1: nope');
  });

  it('wait for episodes that have not arrived (409 with Retry-After), and count them as errors when told to decide anyway', async () => {
    const { id } = (await api('/api/proposals', 'POST', proposal())).body;
    const runIds: string[] = [];
    for (const variant of ['baseline', 'candidate']) {
      const run = await api('/api/benchmark-runs', 'POST', { proposalId: id, variant, setId: 'shop-manual', setVersion: 1 });
      const results = run.body.cases.map((c: Body) => ({ caseId: c.caseId, repeat: 0, episodeId: randomHexId(16) }));
      expect((await api(`/api/benchmark-runs/${run.body.runId}/results`, 'POST', { results })).body).toMatchObject({
        reported: 4,
        expectedRuns: 4,
        errors: 0,
      });
      runIds.push(run.body.runId);
    }
    const request = { baselineRunId: runIds[0], candidateRunId: runIds[1] };
    const waiting = await api(`/api/proposals/${id}/validations`, 'POST', request);
    expect(waiting.status).toBe(409);
    expect(waiting.body).toMatchObject({ missingEpisodes: 8, retryAfterSeconds: 2 });
    expect(waiting.headers.get('retry-after')).toBe('2');

    const decided = await api(`/api/proposals/${id}/validations`, 'POST', { ...request, allowMissingEpisodes: true });
    expect(decided.status).toBe(201);
    expect(decided.body.verdict).toBe('error');
    expect(decided.body.reasons[0]).toBe(
      'The baseline run is broken: 4 of 4 runs unusable (missing episode 4), 100.0% against the 5.0% the policy allows: error, not a verdict on the proposal.',
    );
    // An error is not a verdict on the proposal: it stays under validation.
    expect((await api(`/api/proposals/${id}`)).body).toMatchObject({
      state: 'validating',
      latestDecision: { id: decided.body.id, verdict: 'error' },
    });
    expect((await api(`/api/gate-decisions/${decided.body.id}`)).body).toMatchObject({
      set: { id: 'shop-manual', version: 1 },
      baseline: { runId: runIds[0] },
    });
  });
});

describe('gate policies', () => {
  it('default when none is stored, and are checked with messages that name the field', async () => {
    expect((await api('/api/agents/nobody/gate-policy')).body).toMatchObject({
      isDefault: true,
      policy: { confidence: 0.95, metrics: { safety: { allowedNew: 0, critical: true } } },
    });
    const bad = await api('/api/agents/shop/gate-policy', 'PUT', { metrics: { cost: { allowedEffect: 30 }, safety: { critical: false } } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe(
      'invalid gate policy: metrics.cost: criticalEffect must be at least allowedEffect (a harm we must rule out cannot be smaller than one we tolerate); metrics.safety.critical: safety is always critical',
    );
    const stored = await api('/api/agents/shop/gate-policy', 'PUT', {
      shadow: true,
      metrics: { cost: { allowedEffect: 10, criticalEffect: 30 } },
    });
    expect(stored.body).toMatchObject({
      isDefault: false,
      policy: { shadow: true, metrics: { cost: { allowedEffect: 10, criticalEffect: 30, worse: 'higher' } } },
    });
    expect((await api('/api/agents/shop/gate-policy')).body.version).toBe(stored.body.version);
  });
});
