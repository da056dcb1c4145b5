import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger.ts';
import { startInProcessCollector, type InProcessCollector } from '../testing/inProcessCollector.ts';
import { otlpJson, randomHexId } from '../testing/otlpRequests.ts';
import type { QueryName } from '../store/namedQueries.ts';
import type { QueryParams, Store } from '../store/Store.ts';
import { jsonApi, proposeChange, registerConfig, storeGateDecision } from '../testing/releaseFixtures.ts';
import { AgentLock } from './agentLock.ts';
import { RolloutWatcher } from './RolloutWatcher.ts';

/** The rollout watcher on a stored release, with an injected clock deciding when a soak has passed. */
const AGENT = 'helpdesk';
const HOUR = 3_600_000;
let harness: InProcessCollector;
let api: ReturnType<typeof jsonApi>;
let watcher: RolloutWatcher;
let clockMs = 0;
const registry = new Registry();
let stableId = '';
let releaseId = '';

/** `count` episodes served by a release, as the tracer would send them, started now. */
async function episodes(release: string, count: number, outcome: 'success' | 'failure'): Promise<void> {
  const spans = Array.from({ length: count }, () => ({
    traceId: randomHexId(16),
    spanId: randomHexId(8),
    name: `invoke_agent ${AGENT}`,
    startNanos: BigInt(Date.now()) * 1_000_000n,
    durationNanos: 200_000_000n,
    attributes: {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': AGENT,
      'gen_ai.workflow.name': 'tickets',
      'trumpets.release.id': release,
      'trumpets.episode.outcome': outcome,
    },
  }));
  const response = await harness.post(JSON.stringify(otlpJson(spans)), { 'content-type': 'application/json' });
  expect(response.status).toBe(200);
  await harness.collector.settle();
}

/** While set, the watcher's reads (after its list of agents) wait for it: a pass held halfway. */
let heldReads: { until: Promise<void>; reached: () => void } | undefined;
function holdableStore(store: Store): Store {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'named')
        return async (name: QueryName, params?: QueryParams) => {
          const hold = heldReads;
          if (hold && name !== 'release_agents') {
            hold.reached();
            await hold.until;
          }
          return target.named(name, params);
        };
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const release = async () => (await api(`/api/releases/${releaseId}`)).body;

beforeAll(async () => {
  harness = await startInProcessCollector();
  api = jsonApi(harness.request);
  const baseline = await registerConfig(api, AGENT, { prompt: 'short answers' });
  stableId = (await api('/api/releases', 'POST', { agent: AGENT, configVersion: baseline, owner: 'ana', reason: 'baseline' })).body.id;
  const proposal = await proposeChange(api, AGENT, baseline, '/prompt', 'short answers', 'long answers');
  await storeGateDecision(harness.store, proposal.id, AGENT, 'pass');
  await api(`/api/agents/${AGENT}/release-policy`, 'PUT', { stages: [10, 50, 100], soakMinutes: 60, minEpisodesPerVariant: 40 });
  releaseId = (await api('/api/releases', 'POST', { agent: AGENT, proposalId: proposal.id, owner: 'ana', reason: 'longer answers' })).body
    .id;
  watcher = new RolloutWatcher(holdableStore(harness.store), new AgentLock(), { now: () => clockMs, registry }, silentLogger);
});
afterAll(async () => {
  await watcher?.stop();
  await harness?.close();
});

describe('the rollout watcher', () => {
  it('extends a stage without traffic, once, and never advances it', async () => {
    clockMs = Date.now() + 30 * 24 * HOUR;
    for (let look = 0; look < 3; look++) await watcher.pass();
    const stalled = await release();
    expect(stalled).toMatchObject({ status: 'rolling_out', stageIndex: 0, percent: 10 });
    expect(stalled.stages[0].extended).toBe(true);
    const extended = stalled.events.filter((event: any) => event.action === 'extended');
    expect(extended).toHaveLength(1);
    expect(extended[0].reason).toMatch(/has only 0 candidate and 0 control episodes \(40 each are needed to judge it\): extended/);
  });

  it('waits for the soak, then advances a healthy stage', async () => {
    await episodes(releaseId, 45, 'success');
    await episodes(stableId, 45, 'success');
    clockMs = Date.now() + 10 * 60_000;
    expect((await watcher.pass()).advanced).toEqual([]);
    clockMs = Date.now() + 2 * HOUR;
    expect((await watcher.pass()).advanced).toEqual([releaseId]);
    expect(await release()).toMatchObject({ stageIndex: 1, percent: 50, status: 'rolling_out' });
  });

  it('finds a regression against the concurrent control, stores it once, pauses and exports it, also to a scrape mid-pass', async () => {
    await episodes(releaseId, 60, 'failure');
    await episodes(stableId, 60, 'success');
    clockMs = Date.now() + 2 * HOUR;
    const first = await watcher.pass();
    expect(first).toMatchObject({ regressions: 1, paused: [releaseId], advanced: [] });
    const gauge = `trumpets_regression{agent="${AGENT}",release="${releaseId}",metric="success_rate"} 1`;
    let resume = () => {};
    let reached = () => {};
    const halfway = new Promise<void>((resolve) => (reached = resolve));
    heldReads = { until: new Promise<void>((resolve) => (resume = resolve)), reached };
    const second = watcher.pass();
    try {
      await halfway;
      expect(await registry.metrics()).toContain(gauge);
    } finally {
      heldReads = undefined;
      resume();
    }
    expect((await second).regressions).toBe(0);

    const paused = await release();
    expect(paused.status).toBe('paused');
    expect(paused.regressions).toHaveLength(1);
    expect(paused.regressions[0]).toMatchObject({
      metric: 'success_rate',
      stageIndex: 1,
      percent: 50,
      controlReleaseId: stableId,
      candidateEpisodes: 60,
      controlEpisodes: 60,
      effect: -1,
    });
    expect(paused.events.find((event: any) => event.action === 'paused').reason).toMatch(
      /^regression on success_rate: success rate −100\.0 points/,
    );
    expect(await registry.metrics()).toContain(gauge);
    expect((await api(`/api/regressions?agent=${AGENT}&release=${releaseId}`)).body.regressions).toHaveLength(1);

    const alertRows = () =>
      harness.store.named<{ agent: string; release_id: string; metric: string; regressions: string }>('regression_alert_rule');
    expect(await alertRows()).toEqual([{ agent: AGENT, release_id: releaseId, metric: 'success_rate', regressions: '1' }]);
    await api(`/api/releases/${releaseId}/rollback`, 'POST', { reason: 'regressed' });
    expect(await alertRows()).toEqual([]);
  });
});
