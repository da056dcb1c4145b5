import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessCollector, type InProcessCollector } from '../testing/inProcessCollector.ts';
import { otlpJson, randomHexId, type TestSpan } from '../testing/otlpRequests.ts';
import type { EpisodeLabelValuesResponse, EpisodeMetricsResponse } from '@trumpets/protocol/api';

const HOUR = 3600_000;
/** A fixed hour, so buckets and expected values do not depend on when the test runs. */
const T0 = Date.UTC(2026, 10, 30, 10);
const range = `from=${T0}&to=${T0 + 3 * HOUR}`;
let harness: InProcessCollector;

interface Seed {
  agent: string;
  version?: string;
  release?: string;
  workflow?: string;
  outcome?: 'success' | 'failure' | 'escalated';
  atMs: number;
  latencyMs: number;
  /** Input and output tokens of the one chat call (gpt-4o-mini: $0.15 / $0.60 per million). */
  tokens?: [number, number];
}

/** One episode as the real tracer would send it: an invoke_agent root and, with tokens, a chat call. */
function episode(seed: Seed): TestSpan[] {
  const traceId = randomHexId(16);
  const root: TestSpan = {
    traceId,
    spanId: randomHexId(8),
    name: `invoke_agent ${seed.agent}`,
    startNanos: BigInt(seed.atMs) * 1_000_000n,
    durationNanos: BigInt(seed.latencyMs) * 1_000_000n,
    attributes: {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': seed.agent,
      'gen_ai.agent.version': seed.version ?? '1.0.0',
      'gen_ai.workflow.name': seed.workflow ?? 'refund',
      'trumpets.release.id': seed.release ?? 'rel-1',
      ...(seed.outcome ? { 'trumpets.episode.outcome': seed.outcome } : {}),
    },
  };
  if (!seed.tokens) return [root];
  const chat: TestSpan = {
    traceId,
    spanId: randomHexId(8),
    parentSpanId: root.spanId,
    name: 'chat gpt-4o-mini',
    startNanos: root.startNanos,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': seed.tokens[0],
      'gen_ai.usage.output_tokens': seed.tokens[1],
    },
  };
  return [root, chat];
}

async function send(seeds: Seed[]): Promise<void> {
  const response = await harness.post(JSON.stringify(otlpJson(seeds.flatMap(episode))), { 'content-type': 'application/json' });
  expect(response.status).toBe(200);
  await harness.collector.settle();
}

async function getJson<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await harness.request(path);
  return { status: response.status, body: (await response.json()) as T };
}

beforeAll(async () => {
  harness = await startInProcessCollector();
  const support = (seed: Omit<Seed, 'agent'>): Seed => ({ agent: 'support', ...seed });
  await send([
    // First hour: version 1.0.0, four known outcomes (2 success, 1 failure, 1 escalated) and one unknown.
    support({ outcome: 'success', atMs: T0 + 1000, latencyMs: 1000, tokens: [1000, 1000] }),
    support({ outcome: 'success', atMs: T0 + 2000, latencyMs: 2000, tokens: [3000, 1000] }),
    support({ outcome: 'failure', atMs: T0 + 3000, latencyMs: 3000 }),
    support({ outcome: 'escalated', atMs: T0 + 4000, latencyMs: 4000 }),
    support({ atMs: T0 + 5000, latencyMs: 5000 }),
    // Second hour: version 2.0.0 on release rel-2, every episode a success.
    support({ version: '2.0.0', release: 'rel-2', outcome: 'success', atMs: T0 + HOUR + 1000, latencyMs: 500 }),
    support({ version: '2.0.0', release: 'rel-2', outcome: 'success', atMs: T0 + HOUR + 2000, latencyMs: 700 }),
    { agent: 'billing', workflow: 'invoice', outcome: 'failure', atMs: T0 + HOUR + 3000, latencyMs: 100 },
    // Outside the range: never counted.
    support({ outcome: 'failure', atMs: T0 - 1000, latencyMs: 100 }),
    support({ outcome: 'failure', atMs: T0 + 3 * HOUR, latencyMs: 100 }),
  ]);
});
afterAll(() => harness.close());

describe('GET /api/episode-metrics', () => {
  it('gives success and escalation rate, latency, cost and tokens per hour for one agent', async () => {
    const { status, body } = await getJson<EpisodeMetricsResponse>(`/api/episode-metrics?${range}&intervalMs=${HOUR}&agent=support`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      from: new Date(T0).toISOString(),
      to: new Date(T0 + 3 * HOUR).toISOString(),
      intervalMs: HOUR,
      groupBy: 'none',
    });
    expect(body.series).toHaveLength(1);
    const [first, second] = body.series[0]!.points;
    expect(body.series[0]!.points).toHaveLength(2);
    expect(first).toMatchObject({ time: T0, episodes: 5, knownOutcomes: 4, successRate: 0.5, escalationRate: 0.25 });
    expect(first!.latencyP50Ms).toBeCloseTo(3000, 6);
    expect(first!.latencyP95Ms).toBeGreaterThan(4000);
    expect(first!.latencyP95Ms).toBeLessThanOrEqual(5000);
    // Tokens: (2000 + 4000) / 5 episodes; cost: ($0.00075 + $0.00105) / 5.
    expect(first!.tokensPerEpisode).toBeCloseTo(1200, 6);
    expect(first!.costPerEpisodeUsd).toBeCloseTo(0.0018 / 5, 9);
    expect(second).toMatchObject({ time: T0 + HOUR, episodes: 2, successRate: 1, escalationRate: 0, tokensPerEpisode: 0 });
  });

  it('splits series by version, release, workflow or agent', async () => {
    const byVersion = (
      await getJson<EpisodeMetricsResponse>(`/api/episode-metrics?${range}&intervalMs=${3 * HOUR}&agent=support&groupBy=version`)
    ).body;
    expect(byVersion.series.map((s) => [s.group, s.points.map((p) => p.episodes)])).toEqual([
      ['1.0.0', [5]],
      ['2.0.0', [2]],
    ]);
    const byRelease = (await getJson<EpisodeMetricsResponse>(`/api/episode-metrics?${range}&intervalMs=${3 * HOUR}&groupBy=release`)).body;
    expect(byRelease.series.map((s) => [s.group, s.points[0]!.episodes])).toEqual([
      ['rel-1', 6],
      ['rel-2', 2],
    ]);
    const byAgent = (await getJson<EpisodeMetricsResponse>(`/api/episode-metrics?${range}&intervalMs=${3 * HOUR}&groupBy=agent`)).body;
    expect(byAgent.series.map((s) => [s.group, s.points[0]!.successRate])).toEqual([
      ['billing', 0],
      ['support', 4 / 6],
    ]);
    const invoices = (
      await getJson<EpisodeMetricsResponse>(`/api/episode-metrics?${range}&intervalMs=${3 * HOUR}&groupBy=workflow&workflow=invoice`)
    ).body;
    expect(invoices.series.map((s) => s.group)).toEqual(['invoice']);
  });

  it('filters by several values of a label and picks a default interval', async () => {
    const { body } = await getJson<EpisodeMetricsResponse>(`/api/episode-metrics?${range}&version=1.0.0,2.0.0&release=rel-2`);
    // 3 hours in at most 300 buckets: one minute each.
    expect(body.intervalMs).toBe(60_000);
    expect(body.series[0]!.points.map((p) => p.episodes)).toEqual([2]);
  });

  it('answers 400 naming what is wrong', async () => {
    const cases: Array<[string, RegExp]> = [
      [`groupBy=team`, /groupBy/],
      [`from=yesterday`, /'yesterday' is neither/],
      [`from=${T0}&to=${T0 - 1}`, /from must be before to/],
      [`${range}&intervalMs=1000`, /more than 5000 buckets over this range: use at least 2160/],
      [`intervalMs=10`, /intervalMs/],
      [`colour=red`, /colour/],
    ];
    for (const [query, message] of cases) {
      const { status, body } = await getJson<{ message: string }>(`/api/episode-metrics?${query}`);
      expect({ query, status }).toEqual({ query, status: 400 });
      expect(body.message).toMatch(message);
    }
  });

  it('needs a token with the read scope', async () => {
    const response = await fetch(`${harness.collector.url}/api/episode-metrics?${range}`);
    expect(response.status).toBe(401);
  });
});

describe('GET /api/episode-metrics/labels/:label', () => {
  it('lists agents, versions and releases in the range for template variables, most recently seen first', async () => {
    const values = async (label: string, query = '') =>
      (await getJson<EpisodeLabelValuesResponse>(`/api/episode-metrics/labels/${label}?${range}${query}`)).body.values;
    expect((await values('agent')).map((v) => [v.value, v.lastSeen])).toEqual([
      ['billing', new Date(T0 + HOUR + 3000).toISOString()],
      ['support', new Date(T0 + HOUR + 2000).toISOString()],
    ]);
    expect((await values('version', '&agent=support')).map((v) => v.value)).toEqual(['2.0.0', '1.0.0']);
    const releases = await values('release');
    expect(releases.map((v) => v.value)).toEqual(['rel-1', 'rel-2']);
    expect(releases[1]!.lastSeen).toBe(new Date(T0 + HOUR + 2000).toISOString());
    expect((await values('workflow', '&limit=1')).map((v) => v.value)).toEqual(['invoice']);
  });

  it('answers 404 for a label that does not exist', async () => {
    const { status, body } = await getJson<{ message: string }>(`/api/episode-metrics/labels/team`);
    expect(status).toBe(404);
    expect(body.message).toContain('labels are agent, version, release, workflow');
  });
});
