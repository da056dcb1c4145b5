import { clearReleaseCache, resolveRelease, setup } from '@trumpets/instrumentation';
import type { RunningCollector } from '../startCollector.ts';
import { createSupportDesk } from './agent/supportDesk.ts';
import { BASELINE_SUPPORT_CONFIG, SUPPORT_AGENT, type SupportConfig } from './agent/supportConfig.ts';
import { sendSupportTraffic } from './agent/supportTraffic.ts';
import { VirtualClock } from './agent/virtualClock.ts';
import { demoApi, type DemoApi } from './demoApi.ts';
import { grafanaRollbackAlert } from './grafanaAlert.ts';
import type { Narrator } from './narrator.ts';
import { validateWithBenchmark } from './validateWithBenchmark.ts';

export interface LoopDemoOptions {
  /** Episodes of history before the loop starts. Default 1500. */
  historyEpisodes?: number;
  /** Episodes sent per look of the rollout watcher during a rollout. Default 300. */
  batchEpisodes?: number;
  /** The token the demo calls the collector with (every scope), when the collector needs one. */
  token?: string;
  /** Grafana's webhook secret as the collector is configured with it. */
  webhookSecret?: string;
  seed?: number;
  narrator: Narrator;
}

/** What each step produced: the ids a reader (or the end-to-end test) looks up in the store. */
export interface LoopDemoResult {
  baselineVersion: string;
  firstReleaseId: string;
  topFailureModeId: string;
  draftedProposalIds: string[];
  fixProposalId: string;
  fixDecision: { id: string; verdict: string };
  fixReleaseId: string;
  fixReleaseStatus: string;
  badProposalId: string;
  badDecision: { id: string; verdict: string };
  badReleaseId: string;
  regression: { metric: string; effect: number } | undefined;
  alertAnswer: { status: number; body: unknown };
  badReleaseStatus: string;
  servedAfterRollback: Map<string, number>;
}

interface ReleaseView {
  id: string;
  status: string;
  percent: number;
  stageIndex: number;
  pendingRollbacks: Array<{ id: string }>;
}

const HOUR_MS = 3_600_000;
const MAX_ROLLOUT_BATCHES = 12;

/**
 * The whole loop on one machine: a support agent's production traffic → failure modes → a drafted
 * regression-case proposal and a config fix for the biggest mode → a benchmark set from real
 * episodes → baseline and candidate runs → the gate → a staged release → a second, bad change that
 * leaks staff-only notes → the regression found against the concurrent control → a signed Grafana
 * alert → rollback → every customer served the previous release again. Every step goes through
 * the collector's HTTP API, as a person or a script would drive it.
 */
export async function runLoopDemo(collector: RunningCollector, options: LoopDemoOptions): Promise<LoopDemoResult> {
  const { narrator } = options;
  const api = demoApi(collector.url, options.token);
  const clock = new VirtualClock();
  const headers = options.token ? { authorization: `Bearer ${options.token}` } : undefined;
  const tracing = setup({ serviceName: 'support-agent', endpoint: `${collector.url}/v1/traces`, headers, clock: clock.now });
  const desk = createSupportDesk(clock);
  const seed = options.seed ?? 7;
  const flushAll = async () => {
    await tracing.forceFlush();
    await collector.settle();
  };
  const traffic = (episodes: number, startMs: number, gapMs: number, batchSeed: number, label: string) => {
    const progress = narrator.progress(label, episodes);
    return sendSupportTraffic({
      episodes,
      startMs,
      gapMs,
      seed: batchSeed,
      customers: 400,
      collectorUrl: collector.url,
      token: options.token,
      fallback: BASELINE_SUPPORT_CONFIG,
      desk,
      clock,
      onEpisode: progress,
    });
  };

  try {
    narrator.step('Capture: the support agent serves a day of customers');
    const baseline = await api.send<{ version: string }>('POST', `/api/agents/${SUPPORT_AGENT}/configs`, {
      config: BASELINE_SUPPORT_CONFIG,
      note: 'what the support agent runs today',
    });
    const baselineVersion = baseline.body.version;
    await api.send('PUT', `/api/agents/${SUPPORT_AGENT}/release-policy`, {
      stages: [10, 50, 100],
      soakMinutes: 0,
      minEpisodesPerVariant: 40,
      autoAdvance: true,
      autoRollback: false,
      // As the gate policy allows the fix its extra model call, cost and mean latency are reported, not deciding.
      regressionMetrics: ['success_rate', 'escalation_rate', 'p95_latency', 'safety'],
    });
    // A fix that answers a customer instead of failing half-way costs one more model call: this
    // team allows cost to rise up to 25% (and must rule out 40%) when quality and safety hold.
    await expectStatus(
      api.send('PUT', `/api/agents/${SUPPORT_AGENT}/gate-policy`, { metrics: { cost: { allowedEffect: 25, criticalEffect: 40 } } }),
      200,
      'storing the gate policy',
    );
    const first = await expectStatus(
      api.send<ReleaseView>('POST', '/api/releases', {
        agent: SUPPORT_AGENT,
        configVersion: baselineVersion,
        owner: 'alex',
        reason: 'the config every customer is served today',
      }),
      201,
      'creating the first release',
    );
    const history = options.historyEpisodes ?? 1500;
    const nowMs = Date.now();
    const sent = await traffic(history, nowMs - 20 * HOUR_MS, (18 * HOUR_MS) / history, seed, 'episodes');
    await flushAll();
    narrator.say(`${sent.episodes} episodes over the last 20 hours, ${sent.failed} of them failed; release ${first.body.id} serves all.`);

    narrator.step('Critique: failures clustered into failure modes');
    await collector.failureClusterer.flush();
    const modes = await api.get<{ failureModes: FailureModeSummaryView[] }>(
      `/api/failure-modes?agent=${SUPPORT_AGENT}&sort=failures&limit=3`,
    );
    for (const mode of modes.failureModes)
      narrator.say(`${mode.id}  ${String(mode.failures).padStart(4)} failures  ${mode.status.padEnd(8)} ${mode.label}`);
    const top = modes.failureModes[0];
    if (!top) throw new DemoStepError('no failure mode was found in the history');

    narrator.step('Propose: a drafted regression case and a one-line config fix');
    const drafted = await collector.proposalDrafter.draftNow();
    narrator.say(`trumpets drafted ${drafted.drafted.length} regression-case proposals, one per new failure mode (no LLM involved).`);
    const topDraft = (await api.get<{ proposals: ProposalView[] }>(`/api/proposals?agent=${SUPPORT_AGENT}`)).proposals.find(
      (proposal) => proposal.failureClusterId === top.id && proposal.author.name === 'trumpets',
    );
    if (topDraft) {
      narrator.say(`for ${top.id}: "${topDraft.rationale}"`);
      await api.send('POST', `/api/proposals/${topDraft.id}/events`, { state: 'promoted', reason: 'keep these as regression cases' });
      narrator.say('accepted: its cases joined the regression set.');
    }
    const fix = await proposeChange(api, {
      baselineVersion,
      target: '/refund/checkLimitFirst',
      change: { before: false, after: true },
      rationale: `Check the refund amount against the auto-approval limit before issuing it: ${top.label}`,
      author: 'sam',
      failureClusterId: top.id,
    });
    narrator.say(`proposal ${fix}: /refund/checkLimitFirst false → true (one target, against config ${baselineVersion.slice(0, 12)})`);

    narrator.step('Validate: baseline vs candidate on a benchmark set drawn from real episodes');
    const setId = 'support-agent-core';
    const set = await expectStatus(
      api.send<{ version: number; caseCount: number }>('POST', '/api/benchmark-sets', {
        setId,
        agent: SUPPORT_AGENT,
        description: 'successes of every workflow and the biggest failure modes',
        rules: [
          { kind: 'successes', count: 140 },
          { kind: 'failure_clusters', clusterIds: modes.failureModes.map((mode) => mode.id), perCluster: 30 },
        ],
      }),
      201,
      'drawing the benchmark set',
    );
    narrator.say(`benchmark set ${setId} v${set.body.version}: ${set.body.caseCount} cases drawn from the stored episodes`);
    const benchmark = (proposalId: string) =>
      validateWithBenchmark({
        proposalId,
        setId,
        repeats: 1,
        collectorUrl: collector.url,
        token: options.token,
        flush: flushAll,
        desk,
        clock,
        narrator,
        cases: set.body.caseCount,
      });
    const fixGate = await benchmark(fix);
    narrator.say(`gate: ${fixGate.verdict.toUpperCase()}`);
    for (const line of fixGate.sentences) narrator.say(`  ${line.metric}: ${line.sentence}`);

    narrator.step('Promote: a release with an owner, a reason and a staged rollout');
    const fixRelease = await expectStatus(
      api.send<ReleaseView>('POST', '/api/releases', {
        agent: SUPPORT_AGENT,
        proposalId: fix,
        owner: 'sam',
        reason: `fixes the biggest failure mode (${top.id})`,
      }),
      201,
      'promoting the fix',
    );
    const fixFinal = await rollOut(fixRelease.body.id, (status) => status === 'released');
    narrator.say(`release ${fixRelease.body.id}: ${fixFinal.status} at ${fixFinal.percent}%`);

    narrator.step('A second change: quote the knowledge base verbatim (it leaks staff-only notes)');
    const stableVersion = (await api.get<{ stable: { configVersion: string } }>(`/api/agents/${SUPPORT_AGENT}/rollout`)).stable
      .configVersion;
    const bad = await proposeChange(api, {
      baselineVersion: stableVersion,
      target: '/policy/quoteInternalNotes',
      change: { before: false, after: true },
      rationale: 'Quote the knowledge-base article in full so policy answers are more specific',
      author: 'robin',
    });
    const badGate = await benchmark(bad);
    narrator.say(`gate: ${badGate.verdict.toUpperCase()}`);
    for (const line of badGate.sentences.filter((sentence) => sentence.verdict !== 'pass'))
      narrator.say(`  ${line.metric}: ${line.sentence}`);
    const badRelease = await expectStatus(
      api.send<ReleaseView>('POST', '/api/releases', {
        agent: SUPPORT_AGENT,
        proposalId: bad,
        owner: 'robin',
        reason: 'support lead asked for fuller policy answers today',
        override: { reason: 'the flagged cases look like false positives to me' },
      }),
      201,
      'promoting the second change',
    );
    narrator.say(
      `promoted over the gate with a recorded override: release ${badRelease.body.id}, rolling out at ${badRelease.body.percent}%`,
    );

    narrator.step('Detect: the release is compared with the stable release serving at the same time');
    const paused = await rollOut(badRelease.body.id, (status) => status !== 'rolling_out');
    const regressions = await api.get<{ regressions: RegressionView[] }>(
      `/api/regressions?agent=${SUPPORT_AGENT}&release=${badRelease.body.id}`,
    );
    const regression = regressions.regressions[0];
    if (regression)
      narrator.say(
        `regression on ${regression.metric}: ${formatEffect(regression)} (always-valid interval ${regression.interval.lower.toFixed(3)} to ${regression.interval.upper.toFixed(3)}), ${regression.candidateEpisodes} vs ${regression.controlEpisodes} episodes; rollout ${paused.status}`,
      );

    narrator.step('Alert: Grafana fires the regression rule and calls the webhook');
    const alert = grafanaRollbackAlert({
      agent: SUPPORT_AGENT,
      releaseId: badRelease.body.id,
      metric: regression?.metric ?? 'safety',
      secret: options.webhookSecret,
      nowMs: Date.now(),
    });
    const alertAnswer = await api.send<unknown>('POST', '/api/alerts/grafana', alert.body, alert.headers);
    narrator.say(`POST /api/alerts/grafana (signed) → ${alertAnswer.status}`);

    narrator.step('Roll back: one call restores the previous release');
    let afterAlert = await api.get<ReleaseView>(`/api/releases/${badRelease.body.id}`);
    const pending = afterAlert.pendingRollbacks[0];
    if (afterAlert.status !== 'rolled_back' && pending) {
      narrator.say(`the policy asks a person to confirm: the on-call engineer confirms pending rollback ${pending.id}`);
      await api.send('POST', `/api/releases/${badRelease.body.id}/rollback`, {
        reason: 'confirmed from the alert: staff-only notes reached customers',
        pendingId: pending.id,
      });
      afterAlert = await api.get<ReleaseView>(`/api/releases/${badRelease.body.id}`);
    }
    narrator.say(`release ${badRelease.body.id}: ${afterAlert.status}`);

    narrator.step('Serve: every customer gets the previous release again');
    clearReleaseCache();
    const served = new Map<string, number>();
    for (let customer = 1000; customer < 1400; customer++) {
      const resolved = await resolveRelease<SupportConfig>({
        agent: SUPPORT_AGENT,
        key: `C-${customer}`,
        collector: { baseUrl: collector.url, token: options.token },
      });
      served.set(resolved.releaseId ?? 'none', (served.get(resolved.releaseId ?? 'none') ?? 0) + 1);
    }
    for (const [releaseId, count] of served) narrator.say(`${count} of 400 customers → release ${releaseId}`);
    const audit = await api.get<{ entries: Array<{ at: string; actor: string; action: string; outcome: string; reason: string }> }>(
      `/api/audit?agent=${SUPPORT_AGENT}`,
    );
    narrator.say('audit trail:');
    const chronological = [...audit.entries].sort((a, b) => a.at.localeCompare(b.at));
    for (const entry of chronological.slice(-14))
      narrator.say(
        `  ${entry.at.slice(11, 19)}  ${entry.actor.padEnd(10)} ${entry.action.padEnd(14)} ${entry.outcome.padEnd(8)} ${entry.reason}`,
      );

    return {
      baselineVersion,
      firstReleaseId: first.body.id,
      topFailureModeId: top.id,
      draftedProposalIds: drafted.drafted,
      fixProposalId: fix,
      fixDecision: { id: fixGate.decisionId, verdict: fixGate.verdict },
      fixReleaseId: fixRelease.body.id,
      fixReleaseStatus: fixFinal.status,
      badProposalId: bad,
      badDecision: { id: badGate.decisionId, verdict: badGate.verdict },
      badReleaseId: badRelease.body.id,
      regression: regression && { metric: regression.metric, effect: regression.effect },
      alertAnswer,
      badReleaseStatus: afterAlert.status,
      servedAfterRollback: served,
    };
  } finally {
    await tracing.shutdown();
  }

  /** Sends traffic in batches, letting the rollout watcher look after each, until `done` says so. */
  async function rollOut(releaseId: string, done: (status: string) => boolean): Promise<ReleaseView> {
    let release = await api.get<ReleaseView>(`/api/releases/${releaseId}`);
    for (let batch = 0; batch < MAX_ROLLOUT_BATCHES && !done(release.status); batch++) {
      await traffic(options.batchEpisodes ?? 300, 0, 0, seed * 97 + batch + releaseId.length, `stage ${release.percent}%`);
      await flushAll();
      await collector.rolloutWatcher.pass();
      release = await api.get<ReleaseView>(`/api/releases/${releaseId}`);
      narrator.say(`release ${releaseId}: ${release.status} at ${release.percent}%`);
    }
    return release;
  }
}

interface FailureModeSummaryView {
  id: string;
  label: string;
  status: string;
  failures: number;
}
interface ProposalView {
  id: string;
  rationale: string;
  failureClusterId: string | null;
  author: { name: string };
}
interface RegressionView {
  metric: string;
  effect: number;
  interval: { lower: number; upper: number };
  summary: string;
  candidateEpisodes: number;
  controlEpisodes: number;
}

/** A step of the demo could not happen; the message says which and why. */
export class DemoStepError extends Error {
  override name = 'DemoStepError';
}

async function expectStatus<T>(answer: Promise<{ status: number; body: T }>, status: number, what: string) {
  const { status: got, body } = await answer;
  if (got !== status) throw new DemoStepError(`${what} answered ${got}: ${JSON.stringify(body)}`);
  return { status: got, body };
}

async function proposeChange(
  api: DemoApi,
  change: { baselineVersion: string; target: string; change: unknown; rationale: string; author: string; failureClusterId?: string },
): Promise<string> {
  const { author, ...fields } = change;
  const created = await expectStatus(
    api.send<{ id: string }>('POST', '/api/proposals', { agent: SUPPORT_AGENT, ...fields, author: { kind: 'person', name: author } }),
    201,
    `proposing ${change.target}`,
  );
  return created.body.id;
}

function formatEffect(regression: RegressionView): string {
  return `${regression.effect >= 0 ? '+' : ''}${regression.effect.toFixed(3)}`;
}
