import { recordSource, setup, traceChat, traceTool, withEpisode } from '@trumpets/instrumentation';
import { requestValidation, runBenchmark, type BenchmarkRunContext } from '@trumpets/instrumentation/benchmark';
import type { FailureModeList, Proposal, RegisteredConfig, Release, SetVersion } from '@trumpets/protocol/api';
import { TRUMPETS } from '@trumpets/protocol/conventions';
import { startCollectorProcess, type CollectorProcess } from '@trumpets/collector/testing';

/** Tokens the seeded collector accepts: the stand-in's route headers send the read and act ones. */
export const TOKENS = {
  ingest: 'ingest-secret-0123456789abcdef',
  read: 'read-secret-0123456789abcdef',
  act: 'act-secret-0123456789abcdef',
};

interface SupportConfig {
  thresholds: { refund_limit: number };
}

const lookupOrder = traceTool('lookup_order', async (order: number) => {
  if (order % 5 === 1) throw new Error(`inventory service timed out after 3000 ms for order ${order}`);
  return { order, status: 'shipped' };
});

/** A deterministic support agent: high-risk refunds go to a person unless the limit is raised past 300. */
async function supportAgent(input: unknown, context: Pick<BenchmarkRunContext, 'config' | 'episode' | 'tags'>): Promise<string> {
  const config = context.config as SupportConfig;
  await traceChat({ provider: 'openai', model: 'gpt-4o-mini' }, (chat) => chat.setUsage({ inputTokens: 120, outputTokens: 30 }));
  if (context.tags.includes('high-risk')) {
    if (config.thresholds.refund_limit <= 300) {
      context.episode.escalate('refund above the automatic limit');
      return 'handed to a person';
    }
    context.episode.flagSafety('refund_without_review', 'refunded a high-risk order automatically');
  }
  const answer = `answer to ${String(input)}`;
  context.episode.setOutput(answer);
  return answer;
}

export interface SeededCollector {
  collector: CollectorProcess;
  proposalId: string;
  api<T = any>(path: string, method?: string, body?: unknown): Promise<{ status: number; body: T }>;
}

/**
 * The real collector process with what the plugin shows: production episodes of agent `support`
 * (tool failures and escalations that become failure modes), a benchmark set drawn from them, and
 * a proposal validated into a gate decision.
 */
export async function seedCollector(dataDir: string): Promise<SeededCollector> {
  const collector = await startCollectorProcess(dataDir, {
    TRUMPETS_TOKENS: `agent:${TOKENS.ingest}:ingest,grafana:${TOKENS.read}:read,oncall:${TOKENS.act}:read+act+ingest`,
    TRUMPETS_FAILURE_CLUSTERING_INTERVAL_MS: '300',
    // The pages show what is seeded here: a proposal drafted mid-test would become the newest one.
    TRUMPETS_PROPOSAL_DRAFTING_INTERVAL_MS: '0',
  });
  const api = async <T>(path: string, method = 'GET', body?: unknown) => {
    const response = await fetch(`${collector.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKENS.act}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  const tracing = setup({
    serviceName: 'support-bot',
    endpoint: `${collector.url}/v1/traces`,
    headers: { authorization: `Bearer ${TOKENS.act}` },
    flushOnExit: false,
  });
  const baseline: SupportConfig = { thresholds: { refund_limit: 200 } };
  for (let i = 0; i < 40; i++) {
    const tags = i % 8 === 0 ? ['high-risk'] : [];
    await withEpisode(
      {
        agent: 'support',
        version: 'v1',
        workflow: 'orders',
        input: `question ${i}`,
        attributes: tags.length ? { [TRUMPETS.EPISODE_TAGS]: tags.join(',') } : {},
      },
      async (episode) => {
        recordSource({ id: 'kb-shipping', uri: 'kb://shipping/delays', tag: 'policy' });
        await supportAgent(`question ${i}`, { config: baseline, episode, tags });
        if (i % 5 === 1) await lookupOrder(1000 + i);
      },
    ).catch(() => undefined);
  }
  await tracing.forceFlush();

  const version = (await api<RegisteredConfig>('/api/agents/support/configs', 'POST', { config: baseline, note: 'v1' })).body.version;
  await api('/api/agents/support/gate-policy', 'PUT', {
    minCases: 10,
    metrics: { latency_median: { shadow: true }, latency_p95: { shadow: true } },
  });
  await waitFor(
    async () =>
      (
        await api<SetVersion>('/api/benchmark-sets', 'POST', {
          setId: 'support-core',
          agent: 'support',
          rules: [
            { kind: 'successes', count: 20 },
            { kind: 'tagged', tags: ['high-risk'], count: 5 },
          ],
        })
      ).status === 201,
  );
  const proposal = await api<Proposal>('/api/proposals', 'POST', {
    agent: 'support',
    baselineVersion: version,
    target: '/thresholds/refund_limit',
    change: { before: 200, after: 250 },
    rationale: 'fewer refunds wait for a person',
    author: { kind: 'agent', name: 'critic-bot' },
  });
  const connection = {
    baseUrl: collector.url,
    token: TOKENS.act,
    onProgress: () => undefined,
    flush: () => tracing.forceFlush(),
    concurrency: 4,
  };
  const common = { ...connection, set: 'support-core', proposal: proposal.body.id, agent: supportAgent };
  const baselineRun = await runBenchmark({ ...common, variant: 'baseline' });
  const candidateRun = await runBenchmark({ ...common, variant: 'candidate' });
  await waitFor(async () => {
    try {
      await requestValidation({
        ...connection,
        proposal: proposal.body.id,
        baselineRunId: baselineRun.runId,
        candidateRunId: candidateRun.runId,
      });
      return true;
    } catch {
      return false;
    }
  });
  await tracing.shutdown();
  const first = await api('/api/releases', 'POST', {
    agent: 'support',
    configVersion: version,
    owner: 'ana',
    reason: 'the baseline everyone runs today',
  });
  if (first.status !== 201) throw new Error(`could not create the first release: ${JSON.stringify(first.body)}`);
  await waitFor(async () => (await api<FailureModeList>('/api/failure-modes?agent=support')).body.total >= 2);
  return { collector, proposalId: proposal.body.id, api };
}

/** A staged release of the seeded proposal; its gate was not a pass, so an act caller overrides it, saying why. */
export async function promoteProposal(seeded: SeededCollector): Promise<string> {
  const release = await seeded.api<Release>('/api/releases', 'POST', {
    agent: 'support',
    proposalId: seeded.proposalId,
    owner: 'ana',
    reason: 'fewer refunds wait for a person',
    override: { reason: 'the gate was inconclusive on 25 cases; watched in a 5% stage' },
  });
  if (release.status !== 201) throw new Error(`could not promote: ${JSON.stringify(release.body)}`);
  return release.body.id;
}

/** Polls until `check` holds; the test's own timeout bounds it. */
export async function waitFor(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 200));
}
