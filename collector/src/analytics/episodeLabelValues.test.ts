import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpisodeLabelValuesResponse } from '@trumpets/protocol/api';
import { startInProcessCollector, type InProcessCollector } from '../testing/inProcessCollector.ts';
import { otlpJson, randomHexId, type TestSpan } from '../testing/otlpRequests.ts';

const MINUTE = 60_000;
/** A fixed hour, so the range does not depend on when the test runs. */
const T0 = Date.UTC(2026, 10, 30, 10);
const range = `from=${T0}&to=${T0 + 60 * MINUTE}`;
let harness: InProcessCollector;

function agentSpan(traceId: string, agent: string, version: string, atMs: number, parentSpanId?: string): TestSpan {
  return {
    traceId,
    spanId: randomHexId(8),
    ...(parentSpanId ? { parentSpanId } : {}),
    name: `invoke_agent ${agent}`,
    startNanos: BigInt(atMs) * 1_000_000n,
    durationNanos: 1_000_000_000n,
    attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': agent, 'gen_ai.agent.version': version },
  };
}

async function send(spans: TestSpan[]): Promise<void> {
  const response = await harness.post(JSON.stringify(otlpJson(spans)), { 'content-type': 'application/json' });
  expect(response.status).toBe(200);
  await harness.collector.settle();
}

async function values(label: string, query = ''): Promise<string[]> {
  const response = await harness.request(`/api/episode-metrics/labels/${label}?${range}${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as EpisodeLabelValuesResponse).values.map((value) => value.value);
}

beforeAll(async () => {
  harness = await startInProcessCollector();
  // Background merges would fold an episode's old rows away and hide what a reader must cope with.
  await harness.store.command('SYSTEM STOP MERGES episodes');
});
afterAll(() => harness.close());

describe('template variables while episodes are rewritten', () => {
  it('drops an agent whose only episode moved to another agent when its outer agent span arrived late', async () => {
    const traceId = randomHexId(16);
    const outer = agentSpan(traceId, 'support', '7.0', T0 + 5 * MINUTE);
    await send([agentSpan(traceId, 'refunds', '3.1', T0 + 10 * MINUTE, outer.spanId)]);
    expect(await values('agent')).toEqual(['refunds']);

    await send([outer]);
    // The old row is still stored under its old key, beside the row that deletes it.
    expect(await harness.store.query("SELECT IsDeleted FROM episodes WHERE Agent = 'refunds' ORDER BY IsDeleted")).toEqual([
      { IsDeleted: 0 },
      { IsDeleted: 1 },
    ]);
    expect(await values('agent')).toEqual(['support']);
    expect(await values('version', '&agent=support')).toEqual(['7.0']);
  });

  it('lists each agent and version once, however often an episode was assembled, newest first, and misses none', async () => {
    const traceId = randomHexId(16);
    const root = agentSpan(traceId, 'billing', '1.0', T0 + 20 * MINUTE);
    await send([root]);
    // A late tool span: the episode is assembled again under the same key.
    await send([
      {
        traceId,
        spanId: randomHexId(8),
        parentSpanId: root.spanId,
        name: 'execute_tool lookup',
        startNanos: root.startNanos,
        attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup' },
      },
    ]);
    expect(await harness.store.query("SELECT toUInt32(count()) AS rows FROM episodes WHERE Agent = 'billing'")).toEqual([{ rows: 2 }]);
    await send([agentSpan(randomHexId(16), 'billing', '1.1', T0 + 30 * MINUTE)]);
    expect(await values('agent')).toEqual(['billing', 'support']);
    expect(await values('version', '&agent=billing')).toEqual(['1.1', '1.0']);
  });
});
