import type { Proposal } from '@trumpets/protocol/api';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../log/logger.ts';
import { startInProcessCollector, type InProcessCollector } from '../../testing/inProcessCollector.ts';
import { otlpJson, randomHexId, type TestSpan } from '../../testing/otlpRequests.ts';
import { ProposalDrafter } from './ProposalDrafter.ts';
import { regressionSetId } from './draftRegressionCases.ts';

let harness: InProcessCollector;

beforeAll(async () => {
  harness = await startInProcessCollector({ failureClusteringIntervalMs: 3_600_000 });
});
afterAll(() => harness.close());

/** A refund episode whose refund tool failed on the limit, started now (so its mode is new). */
function failedRefund(agent: string, n: number): { traceId: string; spans: TestSpan[] } {
  const traceId = randomHexId(16);
  const root = randomHexId(8);
  const startNanos = BigInt(Date.now() - 60_000 + n) * 1_000_000n;
  return {
    traceId,
    spans: [
      {
        traceId,
        spanId: root,
        name: `invoke_agent ${agent}`,
        startNanos,
        attributes: {
          'gen_ai.operation.name': 'invoke_agent',
          'gen_ai.agent.name': agent,
          'gen_ai.workflow.name': 'refund',
          'trumpets.episode.input': `Please refund order ORD-${1000 + n}, it arrived broken.`,
          'trumpets.episode.outcome': 'failure',
        },
        status: { code: 2, message: 'refund failed' },
      },
      {
        traceId,
        spanId: randomHexId(8),
        parentSpanId: root,
        name: 'execute_tool issue_refund',
        startNanos,
        attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'issue_refund', 'error.type': 'RefundLimitExceeded' },
        status: { code: 2, message: `refund of ${200 + n}.50 exceeds the auto-approval limit of 200.00 for order ORD-${1000 + n}` },
      },
    ],
  };
}

function correction(episodeId: string): TestSpan {
  return {
    traceId: randomHexId(16),
    spanId: randomHexId(8),
    name: 'trumpets.correction',
    attributes: {
      'trumpets.correction.episode_id': episodeId,
      'trumpets.correction.output': 'Refunds above 200.00 need a colleague; I have asked one.',
      'trumpets.correction.reason': 'the agent ignored the refund limit',
    },
  };
}

async function seedFailures(agent: string, count: number): Promise<string[]> {
  const episodes = Array.from({ length: count }, (_, n) => failedRefund(agent, n));
  const spans = [...episodes.flatMap((episode) => episode.spans), correction(episodes[0]!.traceId)];
  const response = await harness.post(JSON.stringify(otlpJson(spans)), { 'content-type': 'application/json' });
  expect(response.status).toBe(200);
  await harness.collector.settle();
  await harness.collector.failureClusterer.flush();
  return episodes.map((episode) => episode.traceId);
}

async function proposalsOf(agent: string): Promise<Proposal[]> {
  const response = await harness.request(`/api/proposals?agent=${agent}`);
  return ((await response.json()) as { proposals: Proposal[] }).proposals;
}

describe('drafted regression-case proposals', () => {
  it('drafts one proposal per new failure mode, with differing episodes and the correction as a reference, once', async () => {
    await seedFailures('drafting-agent', 8);
    const drafter = new ProposalDrafter(harness.store, {}, silentLogger);

    const first = await drafter.draftNow();
    expect(first.drafted).toHaveLength(1);
    const [drafted] = await proposalsOf('drafting-agent');
    expect(drafted).toMatchObject({ author: { kind: 'agent', name: 'trumpets' }, state: 'draft' });
    expect(drafted!.failureClusterId).toMatch(/^fm_/);

    const detail = (await (await harness.request(`/api/proposals/${drafted!.id}`)).json()) as Proposal;
    const target = detail.target as { kind: string; setId: string; cases: Array<{ input: string; reference?: string }> };
    expect(target).toMatchObject({ kind: 'benchmark_case', setId: regressionSetId('drafting-agent') });
    expect(target.cases).toHaveLength(3);
    expect(new Set(target.cases.map((c) => c.input)).size).toBe(3);
    expect(target.cases[0]!.reference).toBe('Refunds above 200.00 need a colleague; I have asked one.');
    expect(detail.rationale).toContain('new');

    expect((await drafter.draftNow()).drafted).toHaveLength(0);
  });

  it('adds the cases to the regression set, tagged with the mode, when a person accepts the draft', async () => {
    const [drafted] = await proposalsOf('drafting-agent');
    const accepted = await harness.request(`/api/proposals/${drafted!.id}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'promoted', reason: 'yes, keep these as regression cases' }),
    });
    expect(accepted.status).toBe(200);
    const set = (await (await harness.request(`/api/benchmark-sets/${regressionSetId('drafting-agent')}`)).json()) as {
      cases: Array<{ failureClusterId: string | null; tags: string[] }>;
    };
    expect(set.cases).toHaveLength(3);
    expect(set.cases.every((c) => c.failureClusterId === drafted!.failureClusterId && c.tags.includes('regression'))).toBe(true);
  });
});

describe('a team’s own drafter', () => {
  let server: Server;
  let answer: unknown;
  let asked: unknown;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        asked = JSON.parse(body);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function drafterFor(agent: string) {
    const registered = await harness.request(`/api/agents/${agent}/configs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ config: { prompt: { system: ['You are a support agent.'] }, refund: { checkLimit: false } } }),
    });
    const { version } = (await registered.json()) as { version: string };
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/draft`;
    return new ProposalDrafter(
      harness.store,
      {
        external: {
          url,
          name: 'prompt-drafter',
          baselineOf: async () => ({ version, config: { refund: { checkLimit: false } } }),
        },
      },
      silentLogger,
    );
  }

  it('files its one-target suggestion as a proposal against the serving config', async () => {
    await seedFailures('external-agent', 6);
    const drafter = await drafterFor('external-agent');
    answer = {
      proposals: [{ target: '/refund/checkLimit', change: { before: false, after: true }, rationale: 'check the limit first' }],
    };
    const report = await drafter.draftNow();
    expect(report.drafted).toHaveLength(2);
    expect(asked).toMatchObject({ agent: 'external-agent', failureMode: { status: 'new' } });
    const authors = (await proposalsOf('external-agent')).map((proposal) => proposal.author.name).sort();
    expect(authors).toEqual(['prompt-drafter', 'trumpets']);
  });

  it('refuses a suggestion that changes two targets, with the reason, and drafts nothing for it', async () => {
    await seedFailures('bundling-agent', 6);
    const drafter = await drafterFor('bundling-agent');
    answer = {
      proposals: [
        { target: ['/refund/checkLimit', '/prompt/system/0'], change: [{ after: true }, { after: 'x' }], rationale: 'two at once' },
      ],
    };
    const report = await drafter.draftNow();
    expect(report.refused).toHaveLength(1);
    expect(report.refused[0]!.reason).toContain('a proposal changes one target');
    expect((await proposalsOf('bundling-agent')).map((proposal) => proposal.author.name)).toEqual(['trumpets']);
  });
});
