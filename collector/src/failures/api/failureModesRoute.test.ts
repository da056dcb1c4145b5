import type { FailureModeDetail, FailureModeSummary } from '@trumpets/protocol/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessCollector, type InProcessCollector } from '../../testing/inProcessCollector.ts';
import { otlpJson, randomHexId, type TestSpan } from '../../testing/otlpRequests.ts';
import type { FailureRecord } from '../core/FailureRecord.ts';
import { microsToDateTime64, msToDateTime64, nextMicros } from '../../shared/clock.ts';
import { storeCorpus } from '../../testing/failureCorpus/storeCorpus.ts';

const HOUR = 3600_000;
let harness: InProcessCollector;

beforeAll(async () => {
  // Passes run when a test flushes, never on a timer in between.
  harness = await startInProcessCollector({ failureClusteringIntervalMs: 3_600_000 });
});
afterAll(() => harness.close());

async function getJson<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await harness.request(path);
  return { status: response.status, body: (await response.json()) as T };
}

const list = async (query: string) =>
  (await getJson<{ total: number; failureModes: FailureModeSummary[] }>(`/api/failure-modes?${query}`)).body;

let sequence = 0;
/** `count` failures of one mode, spread evenly over [fromMs, toMs); each test's agent names its own workflow, so tests share no mode. */
function failures(count: number, agent: string, fromMs: number, toMs: number, fields: Partial<FailureRecord> = {}): FailureRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const id = (++sequence).toString(16).padStart(32, '0');
    return {
      failureId: id,
      episodeId: id,
      kind: 'failure',
      agent,
      agentVersion: '2.0.0',
      workflow: `${agent}-checkout`,
      tool: 'payments.charge',
      errorType: 'CardDeclined',
      text: `card ending ${1000 + i} declined by issuer`,
      occurredAtMs: Math.floor(fromMs + ((toMs - fromMs) * i) / count),
      ...fields,
    };
  });
}

/** Successful episodes of an agent: the traffic growth is measured against. */
async function storeTraffic(agent: string, count: number, fromMs: number, toMs: number): Promise<void> {
  const assembledAt = microsToDateTime64(nextMicros());
  const rows = Array.from({ length: count }, (_, i) => {
    const id = `7${(++sequence).toString(16).padStart(31, '0')}`;
    const startMs = Math.floor(fromMs + ((toMs - fromMs) * i) / count);
    return {
      EpisodeId: id,
      TraceId: id,
      Agent: agent,
      Workflow: 'checkout',
      Outcome: 'success',
      StartTime: msToDateTime64(startMs),
      EndTime: msToDateTime64(startMs + 1000),
      AssembledAt: assembledAt,
    };
  });
  await harness.store.insert('episodes', rows);
}

async function cluster(records: FailureRecord[]): Promise<void> {
  await storeCorpus(harness.store, records);
  await harness.collector.failureClusterer.flush();
}

describe('GET /api/failure-modes', () => {
  it('lists what failed through the real OTLP path, one mode per kind of failure', async () => {
    const agent = 'otlp-agent';
    const startNanos = BigInt(Date.now() - HOUR) * 1_000_000n;
    const root = (traceId: string, attributes: Record<string, string>, extra: Partial<TestSpan> = {}): TestSpan => ({
      traceId,
      spanId: randomHexId(8),
      name: `invoke_agent ${agent}`,
      startNanos,
      attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': agent, 'gen_ai.workflow.name': 'refund', ...attributes },
      ...extra,
    });
    const failedTool = (traceId: string, parent: TestSpan, message: string): TestSpan => ({
      traceId,
      spanId: randomHexId(8),
      parentSpanId: parent.spanId,
      name: 'execute_tool payments.refund',
      startNanos,
      attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'payments.refund', 'error.type': 'RefundLimitExceeded' },
      status: { code: 2, message },
    });
    const spans: TestSpan[] = [];
    const failedIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const traceId = randomHexId(16);
      failedIds.push(traceId);
      const top = root(traceId, { 'trumpets.episode.outcome': 'failure' });
      spans.push(top, failedTool(traceId, top, `refund of $${300 + i}.00 for ORD-${1000 + i} exceeds the limit`));
    }
    const recovered = randomHexId(16);
    const recoveredRoot = root(recovered, { 'trumpets.episode.outcome': 'success' });
    spans.push(recoveredRoot, failedTool(recovered, recoveredRoot, 'refund of $999.00 for ORD-7 exceeds the limit'));
    const escalated = root(randomHexId(16), {
      'trumpets.episode.outcome': 'escalated',
      'trumpets.escalation.reason': 'customer asked for a human',
    });
    const flagged = root(
      randomHexId(16),
      { 'trumpets.episode.outcome': 'success' },
      {
        events: [
          {
            name: 'trumpets.safety.flag',
            attributes: { 'trumpets.safety.kind': 'pii_in_output', 'trumpets.safety.detail': 'answer contained an e-mail address' },
          },
        ],
      },
    );
    const correction: TestSpan = {
      traceId: randomHexId(16),
      spanId: randomHexId(8),
      name: 'trumpets.correction',
      startNanos,
      attributes: { 'trumpets.correction.episode_id': failedIds[0]!, 'trumpets.correction.reason': 'quoted the wrong refund limit' },
    };
    spans.push(escalated, flagged, correction);
    const response = await harness.post(JSON.stringify(otlpJson(spans)), { 'content-type': 'application/json' });
    expect(response.status).toBe(200);
    await harness.collector.settle();
    await harness.collector.failureClusterer.flush();

    const { failureModes } = await list(`agent=${agent}`);
    const byCategory = Object.fromEntries(failureModes.map((mode) => [mode.category, mode]));
    expect(Object.keys(byCategory).sort()).toEqual(['correction', 'error', 'escalation', 'safety']);
    expect(byCategory.error).toMatchObject({
      tool: 'payments.refund',
      errorType: 'RefundLimitExceeded',
      failures: 4,
      workflows: ['refund'],
      agents: [agent],
    });
    expect(byCategory.error!.label).toBe('refund of <AMOUNT> for <ID> exceeds the limit');
    expect(byCategory.safety).toMatchObject({ errorType: 'pii_in_output', failures: 1 });

    const detail = (await getJson<FailureModeDetail>(`/api/failure-modes/${byCategory.error!.id}`)).body;
    expect(detail.members.items.map((member) => member.episodeId).sort()).toEqual([...failedIds, recovered].sort());
    expect(detail.examples.length).toBeGreaterThan(0);
  });

  it('shows a mode first seen today as new, and a mode seen for days as not', async () => {
    const agent = 'new-mode-agent';
    const now = Date.now();
    await cluster([
      ...failures(30, agent, now - 72 * HOUR, now - HOUR),
      ...failures(8, agent, now - 3 * HOUR, now - HOUR, { tool: 'inventory.reserve', errorType: 'OutOfStock', text: 'SKU-1 out of stock' }),
    ]);
    const { failureModes } = await list(`agent=${agent}`);
    const statusOf = Object.fromEntries(failureModes.map((mode) => [mode.tool, mode.status]));
    expect(statusOf['inventory.reserve']).toBe('new');
    expect(statusOf['payments.charge']).not.toBe('new');
    expect((await list(`agent=${agent}&status=new`)).failureModes.map((mode) => mode.tool)).toEqual(['inventory.reserve']);
  });

  it('flags a mode whose rate tripled as growing, and not one whose rate stayed flat', async () => {
    const agent = 'growth-agent';
    const now = Date.now();
    const [previousFrom, recentFrom] = [now - 47 * HOUR, now - 23 * HOUR];
    await storeTraffic(agent, 400, previousFrom, recentFrom);
    await storeTraffic(agent, 400, recentFrom, now);
    const tripling = { tool: 'payments.charge' };
    const flat = { tool: 'fraud.check', errorType: 'FraudCheckTimeout', text: 'fraud check timed out after 5s' };
    await cluster([
      ...failures(12, agent, previousFrom, recentFrom, tripling),
      ...failures(36, agent, recentFrom, now, tripling),
      ...failures(12, agent, previousFrom, recentFrom, flat),
      ...failures(12, agent, recentFrom, now, flat),
    ]);
    const { failureModes } = await list(`agent=${agent}&sort=growth`);
    expect(failureModes.map((mode) => [mode.tool, mode.status])).toEqual([
      ['payments.charge', 'growing'],
      ['fraud.check', 'steady'],
    ]);
    expect(failureModes[0]).toMatchObject({ recentFailures: 36, previousFailures: 12 });
    expect(failureModes[0]!.growthPValue).toBeLessThan(0.01);
  });

  it('sorts and limits', async () => {
    const agent = 'sort-agent';
    const now = Date.now();
    await cluster([
      ...failures(5, agent, now - 10 * HOUR, now - HOUR, { tool: 'a.tool' }),
      ...failures(9, agent, now - 50 * HOUR, now - 2 * HOUR, { tool: 'b.tool' }),
      ...failures(2, agent, now - 30 * HOUR, now - 3 * HOUR, { tool: 'c.tool' }),
    ]);
    expect((await list(`agent=${agent}`)).failureModes.map((mode) => mode.failures)).toEqual([9, 5, 2]);
    expect((await list(`agent=${agent}&sort=firstSeen&order=asc`)).failureModes.map((mode) => mode.tool)).toEqual([
      'b.tool',
      'c.tool',
      'a.tool',
    ]);
    const limited = await list(`agent=${agent}&limit=1`);
    expect(limited.total).toBe(3);
    expect(limited.failureModes).toHaveLength(1);
  });

  it('answers 400 naming the bad parameter', async () => {
    const cases: Array<[string, RegExp]> = [
      ['status=exploding', /status/],
      ['from=2026-11-20&to=2026-11-10', /from must be before to/],
      ['windowHours=0', /windowHours/],
      ['to=yesterday', /'yesterday' is neither/],
      ['colour=red', /colour/],
      ['sort=size', /sort/],
    ];
    for (const [query, message] of cases) {
      const { status, body } = await getJson<{ message: string }>(`/api/failure-modes?${query}`);
      expect(status, query).toBe(400);
      expect(body.message, query).toMatch(message);
    }
  });
});

describe('GET /api/failure-modes/:id', () => {
  it('returns the timeline, diverse examples and member pages of one mode', async () => {
    const agent = 'detail-agent';
    const now = Date.now();
    await cluster([
      ...failures(20, agent, now - 30 * HOUR, now - HOUR),
      ...failures(10, 'detail-agent-2', now - 5 * HOUR, now - HOUR, { agentVersion: '3.0.0', workflow: `${agent}-checkout` }),
    ]);
    const [mode] = (await list(`agent=${agent}`)).failureModes;
    const detail = async (query: string) => (await getJson<FailureModeDetail>(`/api/failure-modes/${mode!.id}?${query}`)).body;

    const all = await detail(`pageSize=12`);
    expect(all.agents).toEqual([agent, 'detail-agent-2']);
    expect(all.timeline.hourly.reduce((sum, point) => sum + point.failures, 0)).toBe(30);
    expect(all.timeline.daily.reduce((sum, point) => sum + point.failures, 0)).toBe(30);
    expect(all.timeline.hourly).toHaveLength(7 * 24 + 1);
    expect(new Set(all.examples.map((example) => example.agent))).toEqual(new Set([agent, 'detail-agent-2']));

    const second = await detail(`pageSize=12&page=2`);
    expect(all.members).toMatchObject({ total: 30, page: 1, pageSize: 12 });
    expect(all.members.items).toHaveLength(12);
    expect(second.members.items).toHaveLength(12);
    const seen = new Set([...all.members.items, ...second.members.items].map((member) => member.failureId));
    expect(seen.size).toBe(24);
    expect((await detail(`pageSize=12&page=3`)).members.items).toHaveLength(6);
    expect((await detail(`agent=${agent}`)).members.total).toBe(20);
  });

  it('answers a merged id with the mode that absorbed it, and records the merge', async () => {
    const agent = 'merge-agent';
    const now = Date.now();
    const gateway = { tool: 'gateway' };
    await cluster(
      failures(3, agent, now - 5 * HOUR, now - 4 * HOUR, { ...gateway, errorType: '', text: 'upstream connection reset by peer' }),
    );
    await cluster(
      failures(3, agent, now - 4 * HOUR, now - 3 * HOUR, {
        ...gateway,
        errorType: 'UpstreamReset',
        text: 'upstream closed the socket early',
      }),
    );
    const before = (await list(`agent=${agent}&sort=firstSeen&order=asc`)).failureModes.map((mode) => mode.id);
    expect(before).toHaveLength(2);
    // The untyped wording, now thrown with the type of the second mode: both are one failure mode.
    await cluster(
      failures(1, agent, now - 2 * HOUR, now - HOUR, { ...gateway, errorType: 'UpstreamReset', text: 'upstream connection reset by peer' }),
    );

    const { status, body } = await getJson<FailureModeDetail>(`/api/failure-modes/${before[1]}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: before[0], mergedIds: [before[1]], failures: 7 });
    expect(body.events.map((event) => [event.event, event.clusterId, event.otherClusterId])).toContainEqual([
      'merged_into',
      before[1],
      before[0],
    ]);
    expect((await list(`agent=${agent}`)).failureModes.map((mode) => mode.id)).toEqual([before[0]]);
  });

  it('points to the same failure in another workflow as related', async () => {
    const agent = 'related-agent';
    const now = Date.now();
    const refused = { tool: 'db.query', errorType: 'ConnectionRefused', text: 'could not connect to primary database at 10.0.0.5:5432' };
    await cluster([
      ...failures(4, agent, now - 3 * HOUR, now - HOUR, { ...refused, workflow: 'checkout' }),
      ...failures(4, agent, now - 3 * HOUR, now - HOUR, { ...refused, workflow: 'returns' }),
    ]);
    const modes = (await list(`agent=${agent}`)).failureModes;
    expect(modes).toHaveLength(2);
    const checkout = modes.find((mode) => mode.workflow === 'checkout')!;
    const detail = (await getJson<FailureModeDetail>(`/api/failure-modes/${checkout.id}`)).body;
    expect(detail.related.map((related) => related.workflow)).toContain('returns');
  });

  it('answers 404 for an unknown id and 400 for bad paging', async () => {
    expect((await getJson(`/api/failure-modes/fm_0000000000000000`)).status).toBe(404);
    const { status, body } = await getJson<{ message: string }>(`/api/failure-modes/fm_0000000000000000?pageSize=5000`);
    expect(status).toBe(400);
    expect(body.message).toMatch(/pageSize/);
  });
});
