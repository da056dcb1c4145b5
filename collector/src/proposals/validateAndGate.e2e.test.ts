import { recordCorrection, setup, traceChat, withEpisode, type TrumpetsHandle } from '@trumpets/instrumentation';
import { matchesReference, requestValidation, runBenchmark, type BenchmarkRunContext } from '@trumpets/instrumentation/benchmark';
import { TRUMPETS } from '@trumpets/protocol/conventions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TOKEN, startInProcessCollector, type InProcessCollector } from '../testing/inProcessCollector.ts';

/**
 * The loop as a user runs it: production episodes reach the real collector, a benchmark set is
 * drawn from them, a proposal's baseline and candidate run through the runner as ordinary
 * episodes, and the collector compares them and stores a gate decision with its reasons.
 */
let harness: InProcessCollector;
let tracing: TrumpetsHandle;

interface SupportConfig {
  prompts: { system: string; greeting: string };
  thresholds: { refund_limit: number };
}

const baselineConfig: SupportConfig = {
  prompts: { system: 'You help with orders.', greeting: 'Hello' },
  thresholds: { refund_limit: 200 },
};

/** A deterministic support agent: high-risk refunds go to a person unless the refund limit is raised past 300. */
async function supportAgent(input: unknown, context: Pick<BenchmarkRunContext, 'config' | 'episode' | 'tags'>): Promise<string> {
  const config = context.config as SupportConfig;
  const question = String(input);
  await traceChat({ provider: 'openai', model: 'gpt-4o-mini' }, (chat) =>
    chat.setUsage({ inputTokens: 100 + question.length, outputTokens: 20 }),
  );
  await new Promise((resolve) => setTimeout(resolve, 2));
  if (context.tags.includes('high-risk')) {
    if (config.thresholds.refund_limit <= 300) {
      context.episode.escalate('refund above the automatic limit');
      return 'handed to a person';
    }
    context.episode.flagSafety('refund_without_review', 'refunded a high-risk order automatically');
  }
  const answer = `answer to ${question}`;
  context.episode.setOutput(answer);
  return answer;
}

async function api<T = Record<string, unknown>>(path: string, method = 'GET', body?: unknown): Promise<{ status: number; body: T }> {
  const response = await harness.request(path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function productionTraffic(): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const tags = i % 8 === 0 ? 'high-risk' : i % 10 === 3 ? 'edge' : '';
    await withEpisode(
      { agent: 'support', workflow: 'orders', input: `question ${i}`, attributes: tags ? { [TRUMPETS.EPISODE_TAGS]: tags } : {} },
      async (episode) => {
        await supportAgent(`question ${i}`, { config: baselineConfig, episode, tags: tags ? [tags] : [] });
        if (i % 13 === 5)
          recordCorrection(episode.episodeId, {
            correctedOutput: `better answer to question ${i}`,
            reason: 'too vague',
            author: 'reviewer-1',
          });
      },
    );
  }
}

const connection = () => ({
  baseUrl: harness.collector.url,
  token: TEST_TOKEN,
  onProgress: () => undefined,
  flush: () => tracing.forceFlush(),
  concurrency: 8,
});

async function propose(target: string, before: unknown, after: unknown, baselineVersion: string): Promise<string> {
  const created = await api<{ id: string; state: string }>('/api/proposals', 'POST', {
    agent: 'support',
    baselineVersion,
    target,
    change: { before, after },
    rationale: 'simulated',
    author: { kind: 'agent', name: 'critic-bot' },
  });
  expect(created.status).toBe(201);
  expect(created.body.state).toBe('draft');
  return created.body.id;
}

async function validate(proposal: string, options: { repeats?: number; scorer?: ReturnType<typeof matchesReference<string>> } = {}) {
  const common = { ...connection(), set: 'support-core', proposal, agent: supportAgent, ...options };
  const baseline = await runBenchmark({ ...common, variant: 'baseline' });
  const candidate = await runBenchmark({ ...common, variant: 'candidate' });
  await harness.collector.settle();
  return {
    baseline,
    candidate,
    decision: await requestValidation({ ...connection(), proposal, baselineRunId: baseline.runId, candidateRunId: candidate.runId }),
  };
}

let baselineVersion = '';

beforeAll(async () => {
  harness = await startInProcessCollector();
  tracing = setup({
    serviceName: 'support-bot',
    endpoint: `${harness.collector.url}/v1/traces`,
    headers: { authorization: `Bearer ${TEST_TOKEN}` },
    flushOnExit: false,
  });
  await productionTraffic();
  await tracing.forceFlush();
  await harness.collector.settle();
  const registered = await api<{ version: string }>('/api/agents/support/configs', 'POST', { config: baselineConfig, note: 'v1' });
  baselineVersion = registered.body.version;
  // In-process latency of a few milliseconds is mostly scheduler noise: report it, do not let it decide here.
  // A set of a few dozen cases cannot rule out a 5-point quality harm; 20 points it can. One attempt per change.
  await api('/api/agents/support/gate-policy', 'PUT', {
    minCases: 20,
    maxAttempts: 1,
    metrics: { quality: { criticalEffect: 20 }, latency_median: { shadow: true }, latency_p95: { shadow: true } },
  });
});

afterAll(async () => {
  await tracing?.shutdown();
  await harness?.close();
});

describe('validate and gate, end to end', () => {
  it('draws a benchmark set from stored episodes by rule and freezes it as version 1', async () => {
    const created = await api<{ version: number; caseCount: number; rules: { drawn: Array<{ found: number }> } }>(
      '/api/benchmark-sets',
      'POST',
      {
        setId: 'support-core',
        agent: 'support',
        rules: [
          { kind: 'successes', count: 30 },
          { kind: 'tagged', tags: ['high-risk'], count: 10 },
          { kind: 'corrected', count: 10 },
        ],
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.version).toBe(1);
    expect(created.body.rules.drawn.map((rule) => rule.found)).toEqual([30, 5, 3]);
    const set = await api<{ cases: Array<{ tags: string[]; origin: string; referenceKind: string | null }> }>(
      '/api/benchmark-sets/support-core',
    );
    expect(set.body.cases.filter((c) => c.tags.includes('high-risk'))).toHaveLength(5);
    expect(set.body.cases.filter((c) => c.referenceKind === 'corrected')).toHaveLength(3);
    expect(set.body.cases.length).toBe(created.body.caseCount);
  });

  it('fails a candidate that stops escalating high-risk refunds, on safety, though its quality rose', async () => {
    const proposal = await propose('/thresholds/refund_limit', 200, 500, baselineVersion);
    const { baseline, candidate, decision } = await validate(proposal);
    expect(baseline.runs).toBe(candidate.runs);
    expect(decision.verdict).toBe('fail');
    expect(decision.enforced).toBe(true);
    expect(decision.reasons).toHaveLength(2);
    expect(decision.reasons[1]).toBe('Attempt 1 of 1 for this change: intervals at 95% so that validating again cannot buy a pass.');
    expect(decision.reasons[0]).toMatch(/^Safety: 5 new guardrail violations \(case [0-9a-f]{16}: refund_without_review/);
    expect(decision.reasons[0]).toContain('5 missed escalations');
    const quality = decision.metrics.find((metric) => metric.metric === 'quality')!;
    expect(quality.sentence).toMatch(/^Quality rose/);

    const stored = await api<{ state: string; history: Array<{ state: string; decisionId: string | null }> }>(`/api/proposals/${proposal}`);
    expect(stored.body.state).toBe('rejected');
    expect(stored.body.history.map((event) => event.state)).toEqual(['draft', 'validating', 'rejected']);
    expect(stored.body.history.at(-1)!.decisionId).toBe(decision.id);

    const detail = await api<{
      baseline: { configVersion: string };
      set: { id: string; version: number };
      cases: Array<{ highRisk: boolean; candidate: { violationKinds: string[] } }>;
    }>(`/api/proposals/${proposal}/comparison`);
    expect(detail.body.baseline.configVersion).toBe(baselineVersion);
    expect(detail.body.set).toEqual({ id: 'support-core', version: 1 });
    expect(detail.body.cases.filter((c) => c.candidate.violationKinds.includes('refund_without_review')).every((c) => c.highRisk)).toBe(
      true,
    );
  });

  it('passes a candidate that changes nothing the agent does, graded by reference match over two repeats', async () => {
    const proposal = await propose('/prompts/greeting', 'Hello', 'Hi', baselineVersion);
    const { decision } = await validate(proposal, { repeats: 2, scorer: matchesReference<string>() });
    expect(decision.verdict).toBe('pass');
    expect(decision.metrics.find((metric) => metric.metric === 'cost')!.sentence).toMatch(/^Cost did not change .*: pass/);
    expect(decision.metrics.find((metric) => metric.metric === 'latency_p95')!.decides).toBe(false);

    const listed = await api<{
      proposals: Array<{
        id: string;
        state: string;
        latestDecision: { verdict: string; metrics: Array<{ metric: string; verdict: string }> } | null;
      }>;
    }>('/api/proposals?agent=support');
    const row = listed.body.proposals.find((p) => p.id === proposal)!;
    expect(row.state).toBe('validated');
    expect(row.latestDecision!.verdict).toBe('pass');
    expect(row.latestDecision!.metrics.map((m) => m.metric)).toEqual(['quality', 'latency_median', 'latency_p95', 'cost', 'safety']);
  });

  it('refuses to validate a change again once its attempts are spent, even under a new proposal', async () => {
    // The same change as the rejected proposal above: the same content-addressed candidate version.
    const proposal = await propose('/thresholds/refund_limit', 200, 500, baselineVersion);
    const refused = await validate(proposal).catch((error: { status?: number; message: string }) => error);
    expect(refused).toMatchObject({ status: 409 });
    expect((refused as Error).message).toContain('has used 1 of the 1 validations the gate policy allows');
    expect((await api<{ state: string }>(`/api/proposals/${proposal}`)).body.state).toBe('validating');
  });

  it("never draws a benchmark run's own episodes into a set", async () => {
    // By now the runs above have stored well over a hundred successful benchmark episodes of this agent.
    const drawn = await api<{ rules: { drawn: Array<{ found: number }> } }>('/api/benchmark-sets', 'POST', {
      setId: 'support-later',
      agent: 'support',
      rules: [
        { kind: 'successes', count: 5000 },
        { kind: 'tagged', tags: ['high-risk'], count: 5000 },
        { kind: 'corrected', count: 5000 },
      ],
    });
    const [successes, tagged, corrected] = drawn.body.rules.drawn.map((rule) => rule.found);
    expect(successes).toBeGreaterThanOrEqual(30);
    expect(successes).toBeLessThanOrEqual(40);
    expect([tagged, corrected]).toEqual([5, 3]);
  });
});
