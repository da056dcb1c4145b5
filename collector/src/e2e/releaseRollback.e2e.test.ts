import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearReleaseCache, resolveRelease, setup, withEpisode, type Episode, type TrumpetsHandle } from '@trumpets/instrumentation';
import { requestValidation, runBenchmark, type BenchmarkRunContext } from '@trumpets/instrumentation/benchmark';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signGrafanaBody } from '../alerts/verifyGrafanaSignature.ts';
import { EmbeddedStore } from '../store/embeddedStore.ts';
import { startCollectorProcess, type CollectorProcess } from '../testing/collectorProcess.ts';
import { jsonApi, proposeChange, registerConfig } from '../testing/releaseFixtures.ts';

/**
 * Promote and roll back, end to end, through the real collector process and the real tracer: a
 * validated proposal is released, its stages advance as episodes arrive, an injected fault makes
 * the candidate's episodes fail, the regression is detected and pauses the rollout, a signed
 * Grafana notification asks for the rollback, a person confirms it, and every key is served the
 * previous config again. Asserted from the store.
 */
const AGENT = 'concierge';
const TOKEN = 'e2e-secret-0123456789abcdef';
const SECRET = 'grafana-webhook-secret';
interface Config {
  greeting: string;
}
const baselineConfig: Config = { greeting: 'Hello' };

let dir: string;
let collector: CollectorProcess;
let tracing: TrumpetsHandle;
let api: ReturnType<typeof jsonApi>;
/** The injected fault: while on, the candidate config's episodes fail. */
let faulty = false;

async function agent(config: Config, episode: Episode): Promise<string> {
  // A real agent waits on I/O (its model, its tools): that is also when the cached rollout refreshes.
  await new Promise((resolve) => setImmediate(resolve));
  if (faulty && config.greeting !== baselineConfig.greeting) throw new Error('upstream tool timed out');
  episode.setOutput(`${config.greeting}, how can I help?`);
  return 'ok';
}

/** Production traffic: each request resolves its release by user key, then runs as one episode. */
async function traffic(users: number, offset: number): Promise<Map<string, number>> {
  // Each burst starts from a fresh fetch of the rollout: a burst is shorter than a background refresh.
  clearReleaseCache();
  const served = new Map<string, number>();
  for (let i = 0; i < users; i++) {
    const key = `user-${offset + i}`;
    const release = await resolveRelease<Config>({
      agent: AGENT,
      key,
      collector: connection(),
      refreshMs: 0,
      fallback: { config: baselineConfig },
    });
    served.set(release.releaseId ?? 'none', (served.get(release.releaseId ?? 'none') ?? 0) + 1);
    await withEpisode({ agent: AGENT, workflow: 'chat', input: `hi from ${key}`, release }, (episode) =>
      agent(release.config!, episode),
    ).catch(() => undefined);
  }
  await tracing.forceFlush();
  return served;
}

const connection = () => ({ baseUrl: collector.url, token: TOKEN });

/** Polls `probe` until it answers; a failure says what was awaited and the last release seen. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, attempts = 200): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const last = releaseId ? (await api(`/api/releases/${releaseId}`)).body : {};
  throw new Error(
    `gave up waiting for ${what}; collector warnings: ${JSON.stringify(collector.logs.filter((line) => line.level !== 'info').slice(-3))}; the release: ${JSON.stringify({ status: last.status, stage: last.stageIndex, events: last.events?.map((event: { action: string; reason: string }) => `${event.action}: ${event.reason}`) })}`,
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trumpets-release-e2e-'));
  collector = await startCollectorProcess(join(dir, 'data'), {
    TRUMPETS_TOKENS: `oncall:${TOKEN}:ingest+read+act`,
    TRUMPETS_RELEASE_WATCH_INTERVAL_MS: '100',
    TRUMPETS_GRAFANA_WEBHOOK_SECRET: SECRET,
  });
  api = jsonApi((path, init) =>
    fetch(`${collector.url}${path}`, { ...init, headers: { ...init?.headers, authorization: `Bearer ${TOKEN}` } }),
  );
  tracing = setup({
    serviceName: AGENT,
    endpoint: `${collector.url}/v1/traces`,
    headers: { authorization: `Bearer ${TOKEN}` },
    flushOnExit: false,
  });
  clearReleaseCache();
}, 60_000);

afterAll(async () => {
  await tracing?.shutdown();
  await collector?.stop();
  rmSync(dir, { recursive: true, force: true });
});

let releaseId = '';

describe('promote, roll out, detect, roll back from a Grafana alert', () => {
  let baselineReleaseId = '';

  it('releases a validated proposal and advances its stages as episodes arrive', async () => {
    const baselineVersion = await registerConfig(api, AGENT, baselineConfig as never);
    baselineReleaseId = (
      await api('/api/releases', 'POST', { agent: AGENT, configVersion: baselineVersion, owner: 'ana', reason: 'what runs today' })
    ).body.id;
    await traffic(40, 0);
    await until('baseline episodes', async () =>
      (await api(`/api/benchmark-sets`, 'POST', { setId: 'concierge-core', agent: AGENT, rules: [{ kind: 'successes', count: 20 }] })).body
        .caseCount >= 20
        ? true
        : undefined,
    );
    await api(`/api/agents/${AGENT}/gate-policy`, 'PUT', {
      minCases: 20,
      // A small deterministic agent on 20 cases: a 25-point harm ruled out is enough here, and it records no token usage.
      metrics: {
        quality: { criticalEffect: 25 },
        cost: { mustHaveData: false },
        latency_median: { shadow: true },
        latency_p95: { shadow: true },
      },
    });

    const proposal = await proposeChange(api, AGENT, baselineVersion, '/greeting', 'Hello', 'Hi there');
    const common = {
      ...connection(),
      set: 'concierge-core',
      proposal: proposal.id,
      onProgress: () => undefined,
      flush: () => tracing.forceFlush(),
    };
    const run = (input: unknown, context: BenchmarkRunContext) => agent(context.config as Config, context.episode);
    const baseline = await runBenchmark({ ...common, variant: 'baseline', agent: run });
    const candidate = await runBenchmark({ ...common, variant: 'candidate', agent: run });
    const decision = await requestValidation({
      ...connection(),
      proposal: proposal.id,
      baselineRunId: baseline.runId,
      candidateRunId: candidate.runId,
    });
    expect(decision.verdict, decision.reasons.join(' / ')).toBe('pass');

    await api(`/api/agents/${AGENT}/release-policy`, 'PUT', {
      stages: [30, 60, 100],
      soakMinutes: 0,
      minEpisodesPerVariant: 30,
      autoRollback: false,
    });
    const released = await api('/api/releases', 'POST', {
      agent: AGENT,
      proposalId: proposal.id,
      owner: 'bo',
      reason: 'a warmer greeting',
    });
    expect(released.status).toBe(201);
    releaseId = released.body.id;
    expect(released.body).toMatchObject({ status: 'rolling_out', percent: 30, decision: { id: decision.id, verdict: 'pass' } });

    await traffic(150, 100);
    const advanced = await until('the first stage to advance', async () => {
      const release = (await api(`/api/releases/${releaseId}`)).body;
      return release.stageIndex >= 1 ? release : undefined;
    });
    expect(advanced).toMatchObject({ status: 'rolling_out', percent: 60 });
    expect(advanced.events.find((event: any) => event.action === 'advanced').actor).toBe('rollout-watcher');
  }, 120_000);

  it('detects the injected fault as a regression and pauses the rollout', async () => {
    faulty = true;
    const served = await traffic(120, 1000);
    expect(served.get(releaseId)).toBeGreaterThan(40);
    const paused = await until('the regression to pause the rollout', async () => {
      const release = (await api(`/api/releases/${releaseId}`)).body;
      return release.status === 'paused' ? release : undefined;
    });
    const success = paused.regressions.find((regression: any) => regression.metric === 'success_rate');
    expect(success).toMatchObject({ stageIndex: 1, controlReleaseId: baselineReleaseId });
    expect(success.effect).toBeLessThan(-0.5);
    expect(success.interval.upper).toBeLessThan(0);
    const metrics = await (await fetch(`${collector.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(metrics).toContain(`trumpets_regression{agent="${AGENT}",release="${releaseId}",metric="success_rate"} 1`);
  }, 120_000);

  it('takes a signed Grafana notification, records the pending rollback, and rolls back once confirmed', async () => {
    const body = JSON.stringify({
      receiver: 'trumpets',
      status: 'firing',
      version: '1',
      groupKey: '{}:{alertname="release regression"}',
      truncatedAlerts: 0,
      orgId: 1,
      alerts: [
        {
          status: 'firing',
          labels: {
            alertname: 'release regression',
            agent: AGENT,
            release_id: releaseId,
            metric: 'success_rate',
            trumpets_action: 'rollback',
          },
          annotations: { summary: 'success rate regressed' },
          startsAt: new Date().toISOString(),
          generatorURL: 'http://grafana.local/alerting/grafana/regression/view',
          fingerprint: 'a1b2c3',
        },
      ],
    });
    const stamp = String(Math.floor(Date.now() / 1000));
    const headers = {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      'x-grafana-alerting-timestamp': stamp,
      'x-grafana-alerting-signature': signGrafanaBody(SECRET, stamp, body),
    };
    const alert = await fetch(`${collector.url}/api/alerts/grafana`, { method: 'POST', headers, body });
    expect(alert.status).toBe(202);
    const { pendingId } = (await alert.json()) as { pendingId: string };
    const again = await fetch(`${collector.url}/api/alerts/grafana`, { method: 'POST', headers, body });
    expect(((await again.json()) as { action: string }).action).toBe('duplicate');

    const rolledBack = await api(`/api/releases/${releaseId}/rollback`, 'POST', {
      reason: 'confirmed: greeting broke the tool calls',
      pendingId,
    });
    expect(rolledBack.body).toMatchObject({ status: 'rolled_back', changed: true });

    faulty = false;
    const keys = Array.from({ length: 200 }, (_, i) => `user-${i}`);
    const answers = await until('every key to be served the previous release', async () => {
      const all = await Promise.all(
        keys.map((key) => resolveRelease<Config>({ agent: AGENT, key, collector: connection(), refreshMs: 0 })),
      );
      return all.every((answer) => answer.releaseId === baselineReleaseId) ? all : undefined;
    });
    expect(answers.every((answer) => answer.config?.greeting === 'Hello' && answer.variant === 'stable')).toBe(true);
  }, 60_000);

  it('keeps serving the last known release when the collector is down, and the audit trail holds every step', async () => {
    expect(await collector.stop()).toBe(0);
    const offline = await resolveRelease<Config>({ agent: AGENT, key: 'user-7', collector: connection(), refreshMs: 0 });
    expect(offline).toMatchObject({ releaseId: baselineReleaseId, config: { greeting: 'Hello' } });
    const store = new EmbeddedStore(join(dir, 'data'));
    try {
      const events = await store.query<{ Action: string; Outcome: string; Actor: string; Reason: string }>(
        `SELECT Action, Outcome, Actor, Reason FROM release_events WHERE ReleaseId = {releaseId:String} ORDER BY At`,
        { releaseId },
      );
      // Stages with too few episodes yet are extended (as often as the watcher looked first): left out here.
      const steps = new Set(
        events.filter((event) => event.Action !== 'extended').map((event) => `${event.Action}/${event.Outcome}/${event.Actor}`),
      );
      expect([...steps]).toEqual([
        'created/done/oncall',
        'advanced/done/rollout-watcher',
        'regression_detected/info/rollout-watcher',
        'paused/done/rollout-watcher',
        'rollback_requested/pending/oncall',
        'alert/noop/oncall',
        'rolled_back/done/oncall',
      ]);
      expect(events.every((event) => event.Reason.length > 0)).toBe(true);
      const [regression] = await store.query<{ Metric: string; CandidateEpisodes: string }>(
        `SELECT Metric, CandidateEpisodes FROM regressions WHERE ReleaseId = {releaseId:String} AND Metric = 'success_rate'`,
        { releaseId },
      );
      expect(Number(regression!.CandidateEpisodes)).toBeGreaterThanOrEqual(30);
      const alerts = await store.query<{ Action: string }>(`SELECT Action FROM alert_notifications`);
      expect(alerts.map((row) => row.Action)).toEqual(['rollback_pending']);
    } finally {
      await store.close();
    }
  }, 60_000);
});
