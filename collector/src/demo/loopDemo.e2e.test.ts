import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessCollector, TEST_TOKEN, type InProcessCollector } from '../testing/inProcessCollector.ts';
import { SUPPORT_AGENT } from './agent/supportConfig.ts';
import { silentNarrator } from './narrator.ts';
import { runLoopDemo, type LoopDemoResult } from './runLoopDemo.ts';

const WEBHOOK_SECRET = 'demo-webhook-secret-0123';
let harness: InProcessCollector;
let result: LoopDemoResult;

// The README's main command, as a test: every step's outcome is read back from the store.
beforeAll(async () => {
  harness = await startInProcessCollector({
    alerts: {
      webhookSecret: WEBHOOK_SECRET,
      signatureHeader: 'X-Grafana-Alerting-Signature',
      timestampHeader: 'X-Grafana-Alerting-Timestamp',
    },
    releaseWatchIntervalMs: 3_600_000,
    failureClusteringIntervalMs: 3_600_000,
  });
  result = await runLoopDemo(harness.collector, { token: TEST_TOKEN, webhookSecret: WEBHOOK_SECRET, narrator: silentNarrator });
});
afterAll(() => harness.close());

const rows = <T>(sql: string, params: Record<string, unknown> = {}) => harness.store.query<T>(sql, params);

describe('trumpets demo: the whole loop', () => {
  it('captures a day of production episodes through the tracer', async () => {
    const [episodes] = await rows<{ n: string }>(
      `SELECT count() AS n FROM episodes FINAL WHERE Agent = {agent:String} AND Attributes['trumpets.benchmark.run_id'] = ''`,
      { agent: SUPPORT_AGENT },
    );
    expect(Number(episodes!.n)).toBeGreaterThanOrEqual(1500);
  });

  it('finds the refund-limit failure mode as the biggest and drafts regression cases for it', async () => {
    const [mode] = await rows<{ Label: string }>(`SELECT Label FROM failure_clusters FINAL WHERE ClusterId = {id:String}`, {
      id: result.topFailureModeId,
    });
    expect(mode!.Label).toContain('exceeds the auto-approval limit');
    const drafted = await rows<{ FailureClusterId: string }>(
      `SELECT FailureClusterId FROM proposals FINAL WHERE Author = 'trumpets' AND TargetKind = 'benchmark_case'`,
    );
    expect(drafted.map((row) => row.FailureClusterId)).toContain(result.topFailureModeId);
  });

  it('passes the fix at the gate and rolls it out stage by stage to everyone', async () => {
    const decisions = await rows<{ DecisionId: string; Verdict: string }>(`SELECT DecisionId, Verdict FROM gate_decisions`);
    expect(decisions.find((row) => row.DecisionId === result.fixDecision.id)?.Verdict).toBe('pass');
    const actions = await releaseActions(result.fixReleaseId);
    expect(actions.filter((action) => action === 'advanced').length).toBeGreaterThanOrEqual(2);
    expect(result.fixReleaseStatus).toBe('released');
  });

  it('fails the leaking change at the gate on safety, and records the override that promoted it anyway', async () => {
    const decisions = await rows<{ DecisionId: string; Verdict: string }>(`SELECT DecisionId, Verdict FROM gate_decisions`);
    expect(decisions.find((row) => row.DecisionId === result.badDecision.id)?.Verdict).toBe('fail');
    const [release] = await rows<{ OverrideReason: string }>(`SELECT OverrideReason FROM releases WHERE ReleaseId = {id:String}`, {
      id: result.badReleaseId,
    });
    expect(release!.OverrideReason).not.toBe('');
  });

  it('detects the safety regression against the concurrent control and rolls back from the signed alert', async () => {
    const regressions = await rows<{ Metric: string; ControlReleaseId: string }>(
      `SELECT Metric, ControlReleaseId FROM regressions WHERE ReleaseId = {id:String}`,
      { id: result.badReleaseId },
    );
    expect(regressions.map((row) => row.Metric)).toContain('safety');
    expect(regressions[0]!.ControlReleaseId).toBe(result.fixReleaseId);
    const [notification] = await rows<{ n: string }>(`SELECT count() AS n FROM alert_notifications WHERE ReleaseId = {id:String}`, {
      id: result.badReleaseId,
    });
    expect(Number(notification!.n)).toBe(1);
    expect(result.alertAnswer.status).toBeLessThan(300);
    expect(await releaseActions(result.badReleaseId)).toContain('rolled_back');
    expect(result.badReleaseStatus).toBe('rolled_back');
  });

  it('serves the previous release to every customer after the rollback', () => {
    expect([...result.servedAfterRollback.keys()]).toEqual([result.fixReleaseId]);
  });
});

async function releaseActions(releaseId: string): Promise<string[]> {
  const events = await rows<{ Action: string; Outcome: string }>(
    `SELECT Action, Outcome FROM release_events WHERE ReleaseId = {id:String} ORDER BY At`,
    { id: releaseId },
  );
  return events.filter((event) => event.Outcome === 'done').map((event) => event.Action);
}
