import { Gauge, type Registry } from 'prom-client';
import type { Logger } from '../log/logger.ts';
import { latencyP95, readArmStats } from '../regressions/armStats.ts';
import { checkMetrics, type MetricCheck } from '../regressions/checkMetrics.ts';
import { insertRegression, listRegressions } from '../regressions/regressionRepository.ts';
import type { Store } from '../store/Store.ts';
import type { AgentLock } from './agentLock.ts';
import { advanceRelease, pauseRelease, rollbackRelease } from './releaseActions.ts';
import { appendReleaseEvent, listReleases, servingReleases, type Release } from './releaseRepository.ts';
import { decideStage } from './stageDecision.ts';

export interface RolloutWatcherOptions {
  /** Milliseconds since the epoch; injectable so tests decide when a soak has passed. Default Date.now. */
  now?: () => number;
  /** Where `trumpets_regression` and `trumpets_regression_evidence` are exported. */
  registry?: Registry;
}

/** What a pass did, per agent looked at. */
export interface WatchReport {
  agents: number;
  regressions: number;
  advanced: string[];
  extended: string[];
  paused: string[];
  rolledBack: string[];
}

const ACTOR = 'rollout-watcher';
const HOUR_MS = 3_600_000;
/** The control's p95 latency is measured over the day before a stage begins. */
const BASELINE_WINDOW_MS = 24 * HOUR_MS;
/** A released release is compared with the one it replaced for a week. */
const WATCH_RELEASED_MS = 7 * 24 * HOUR_MS;

/**
 * The background job of staged rollout: every interval, for each agent, compares the stage rolling
 * out with the stable release serving at the same time (a concurrent control) and a newly released
 * release with the one it replaced; stores regressions once per release, stage and metric; pauses
 * (or, when the policy allows, rolls back) on a regression of a deciding metric; advances a healthy
 * stage whose soak has passed with enough episodes, and extends one with too few.
 */
export class RolloutWatcher {
  private running: Promise<unknown> = Promise.resolve();
  private readonly thresholds = new Map<string, number>();
  private readonly regressionGauge: Gauge<'agent' | 'release' | 'metric'> | undefined;
  private readonly evidenceGauge: Gauge<'agent' | 'release' | 'metric'> | undefined;
  /** What this pass has found so far; exported only when the pass ends, so a scrape mid-pass sees the last pass whole. */
  private passChecks: { labels: Record<'agent' | 'release' | 'metric', string>; check: MetricCheck }[] = [];

  constructor(
    private readonly store: Store,
    private readonly lock: AgentLock,
    private readonly options: RolloutWatcherOptions,
    private readonly log: Logger,
  ) {
    if (options.registry) {
      this.regressionGauge = new Gauge({
        name: 'trumpets_regression',
        help: 'A release (or its current stage) regressed on a metric against its control: 1, else 0',
        labelNames: ['agent', 'release', 'metric'] as const,
        registers: [options.registry],
      });
      this.evidenceGauge = new Gauge({
        name: 'trumpets_regression_evidence',
        help: 'E-value of the always-valid harm test of a release against its control (alarm at 1/alpha)',
        labelNames: ['agent', 'release', 'metric'] as const,
        registers: [options.registry],
      });
    }
  }

  /** Waits for the pass under way, at shutdown. */
  async stop(): Promise<void> {
    await this.running.catch(() => undefined);
  }

  /** One look at every agent with releases; passes never overlap. */
  pass(): Promise<WatchReport> {
    const next = this.running.catch(() => undefined).then(() => this.watchAll());
    this.running = next;
    return next;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async watchAll(): Promise<WatchReport> {
    const report: WatchReport = { agents: 0, regressions: 0, advanced: [], extended: [], paused: [], rolledBack: [] };
    const agents = await this.store.named<{ Agent: string }>('release_agents');
    this.passChecks = [];
    for (const { Agent: agent } of agents) {
      report.agents++;
      await this.lock.run(agent, () => this.watchAgent(agent, report));
    }
    this.exportGauges();
    return report;
  }

  /** Replaces the exported gauges with this pass's checks in one synchronous step. */
  private exportGauges(): void {
    this.regressionGauge?.reset();
    this.evidenceGauge?.reset();
    for (const { labels, check } of this.passChecks) {
      this.regressionGauge?.set(labels, check.regression ? 1 : 0);
      this.evidenceGauge?.set(labels, Math.min(check.eValue, Number.MAX_VALUE));
    }
  }

  private async watchAgent(agent: string, report: WatchReport): Promise<void> {
    const { stable, candidate } = servingReleases(await listReleases(this.store, agent));
    const now = this.now();
    if (candidate && stable) {
      const from = candidate.state.stageStartedMs;
      const threshold = await this.thresholdFor(candidate, stable, from);
      const [arm, control] = await Promise.all([
        readArmStats(this.store, { agent, releaseId: candidate.id, fromMs: from, toMs: now, latencyThresholdMs: threshold }),
        readArmStats(this.store, { agent, releaseId: stable.id, fromMs: from, toMs: now, latencyThresholdMs: threshold }),
      ]);
      const checks = checkMetrics(arm, control, candidate.policy.alpha);
      await this.record(candidate, stable.id, checks, report);
      const decision = decideStage({
        policy: candidate.policy,
        status: candidate.state.status,
        checks,
        candidateEpisodes: arm.episodes,
        controlEpisodes: control.episodes,
        stageAgeMs: now - from,
      });
      const request = { releaseId: candidate.id, actor: ACTOR };
      if (decision.kind === 'regression') {
        const reason = `regression on ${decision.checks.map((check) => `${check.metric}: ${check.summary}`).join('; ')}`;
        if (candidate.policy.autoRollback) {
          await rollbackRelease(this.store, { ...request, reason });
          report.rolledBack.push(candidate.id);
        } else if (candidate.state.status === 'rolling_out') {
          await pauseRelease(this.store, { ...request, reason: `${reason}; waiting for a person to roll back or resume` });
          report.paused.push(candidate.id);
        }
      } else if (decision.kind === 'advance') {
        await advanceRelease(this.store, { ...request, reason: decision.reason });
        report.advanced.push(candidate.id);
      } else if (decision.kind === 'extend' && !candidate.state.extendedStages.includes(candidate.state.stageIndex)) {
        await appendReleaseEvent(this.store, {
          agent,
          releaseId: candidate.id,
          action: 'extended',
          outcome: 'done',
          stageIndex: candidate.state.stageIndex,
          percent: candidate.state.percent,
          actor: ACTOR,
          reason: decision.reason,
        });
        report.extended.push(candidate.id);
      }
      return;
    }
    if (stable?.previousReleaseId && stable.state.releasedMs !== null && now - stable.state.releasedMs < WATCH_RELEASED_MS)
      await this.watchReleased(stable, stable.previousReleaseId, stable.state.releasedMs, now, report);
  }

  /** A fully rolled-out release against the one it replaced, over as long before its release as it has run since (at most a day). */
  private async watchReleased(release: Release, previousId: string, releasedMs: number, now: number, report: WatchReport): Promise<void> {
    const before = Math.min(Math.max(now - releasedMs, HOUR_MS), BASELINE_WINDOW_MS);
    const threshold = await latencyP95(this.store, {
      agent: release.agent,
      releaseId: previousId,
      fromMs: releasedMs - before,
      toMs: releasedMs,
    });
    const [arm, control] = await Promise.all([
      readArmStats(this.store, {
        agent: release.agent,
        releaseId: release.id,
        fromMs: releasedMs,
        toMs: now,
        latencyThresholdMs: threshold,
      }),
      readArmStats(this.store, {
        agent: release.agent,
        releaseId: previousId,
        fromMs: releasedMs - before,
        toMs: releasedMs,
        latencyThresholdMs: threshold,
      }),
    ]);
    const checks = checkMetrics(arm, control, release.policy.alpha);
    await this.record(release, previousId, checks, report);
    const deciding = checks.filter((check) => check.regression && release.policy.regressionMetrics.includes(check.metric));
    if (deciding.length > 0 && release.policy.autoRollback) {
      const reason = `regression after release on ${deciding.map((check) => `${check.metric}: ${check.summary}`).join('; ')}`;
      await rollbackRelease(this.store, { releaseId: release.id, actor: ACTOR, reason });
      report.rolledBack.push(release.id);
    }
  }

  /** The control's p95 over the day before the stage began, fixed for the stage. */
  private async thresholdFor(candidate: Release, stable: Release, stageStartedMs: number): Promise<number> {
    const key = `${candidate.id}/${candidate.state.stageIndex}`;
    let threshold = this.thresholds.get(key);
    if (threshold === undefined) {
      threshold = await latencyP95(this.store, {
        agent: candidate.agent,
        releaseId: stable.id,
        fromMs: stageStartedMs - BASELINE_WINDOW_MS,
        toMs: stageStartedMs,
      });
      this.thresholds.set(key, threshold);
    }
    return threshold;
  }

  /** Keeps every check for the gauges; stores each new regression once per release, stage and metric, with an audit entry. */
  private async record(release: Release, controlId: string, checks: readonly MetricCheck[], report: WatchReport): Promise<void> {
    for (const check of checks)
      this.passChecks.push({ labels: { agent: release.agent, release: release.id, metric: check.metric }, check });
    const found = checks.filter((check) => check.regression);
    if (found.length === 0) return;
    const stageIndex = release.state.stageIndex;
    const known = new Set(
      (await listRegressions(this.store, release.agent, release.id)).map((regression) => `${regression.stageIndex}/${regression.metric}`),
    );
    for (const check of found) {
      if (known.has(`${stageIndex}/${check.metric}`)) continue;
      const id = await insertRegression(this.store, {
        agent: release.agent,
        releaseId: release.id,
        controlReleaseId: controlId,
        stageIndex,
        percent: release.state.percent,
        metric: check.metric,
        effect: check.effect,
        interval: check.interval,
        eValue: check.eValue,
        alpha: release.policy.alpha,
        candidateEpisodes: check.candidateEpisodes,
        controlEpisodes: check.controlEpisodes,
        summary: check.summary,
      });
      await appendReleaseEvent(this.store, {
        agent: release.agent,
        releaseId: release.id,
        action: 'regression_detected',
        outcome: 'info',
        stageIndex,
        percent: release.state.percent,
        actor: ACTOR,
        reason: `${check.metric}: ${check.summary}`,
        details: { regressionId: id, metric: check.metric, eValue: check.eValue },
      });
      report.regressions++;
    }
  }
}
