import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../store/embeddedStore.ts';
import { runMigrations } from '../store/migrations.ts';
import { QUERIES_DIR } from '../store/namedQueries.ts';

/**
 * `queries/regression_alert_rule.sql` is what the provisioned Grafana alert rule runs on the
 * ClickHouse data source, as written: which regressions fire, and a result Grafana reads as one
 * alert series per row (string columns as labels, exactly one numeric column as the value).
 */
const AGENT = 'desk';
const HOUR = 3600_000;
const T0 = Date.UTC(2026, 11, 1, 8);
let dir = '';
let store: EmbeddedStore;

const micros = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

function regression(releaseId: string, metric: string, atMs: number) {
  return {
    RegressionId: `${releaseId}-${metric}-${atMs}`,
    Agent: AGENT,
    ReleaseId: releaseId,
    ControlReleaseId: 'stable',
    StageIndex: 1,
    Percent: 25,
    Metric: metric,
    Effect: -0.1,
    Lower: -0.2,
    Upper: -0.01,
    EValue: 150,
    Alpha: 0.01,
    CandidateEpisodes: 300,
    ControlEpisodes: 900,
    Summary: `${metric} fell`,
    DetectedAt: micros(atMs),
  };
}

function releaseEvent(releaseId: string, action: string, atMs: number, outcome = 'done') {
  return {
    EventId: `${releaseId}-${action}-${atMs}`,
    Agent: AGENT,
    ReleaseId: releaseId,
    Action: action,
    Outcome: outcome,
    StageIndex: 1,
    Percent: 25,
    Actor: 'ana',
    Reason: 'test',
    Details: '{}',
    At: micros(atMs),
  };
}

const firing = () => store.named<{ agent: string; release_id: string; metric: string; regressions: string }>('regression_alert_rule');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trumpets-alert-rule-'));
  store = new EmbeddedStore(dir);
  await runMigrations(store);
});
beforeEach(async () => {
  await store.command('TRUNCATE TABLE regressions');
  await store.command('TRUNCATE TABLE release_events');
});
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the regression alert rule', () => {
  it('fires once per agent, release and metric of a release that still serves, counting its findings', async () => {
    await store.insert('regressions', [
      regression('r1', 'success_rate', T0),
      regression('r1', 'success_rate', T0 + HOUR),
      regression('r1', 'cost', T0),
      regression('r2', 'latency', T0 - 30 * 24 * HOUR),
    ]);
    expect(await firing()).toEqual([
      { agent: AGENT, release_id: 'r1', metric: 'cost', regressions: '1' },
      { agent: AGENT, release_id: 'r1', metric: 'success_rate', regressions: '2' },
      { agent: AGENT, release_id: 'r2', metric: 'latency', regressions: '1' },
    ]);
  });

  it('stops once the release is rolled back or aborted, not when a rollback is only requested', async () => {
    await store.insert('regressions', [
      regression('r1', 'success_rate', T0),
      regression('r2', 'success_rate', T0),
      regression('r3', 'cost', T0),
    ]);
    await store.insert('release_events', [
      releaseEvent('r1', 'rolled_back', T0 + HOUR),
      releaseEvent('r2', 'aborted', T0 + HOUR),
      releaseEvent('r3', 'rollback_requested', T0 + HOUR, 'pending'),
      releaseEvent('r3', 'rolled_back', T0 + HOUR, 'refused'),
    ]);
    expect((await firing()).map((row) => row.release_id)).toEqual(['r3']);
  });

  it('leaves a finding a person overruled by resuming the release, and fires again on a later one', async () => {
    await store.insert('regressions', [regression('r1', 'success_rate', T0)]);
    await store.insert('release_events', [releaseEvent('r1', 'paused', T0), releaseEvent('r1', 'resumed', T0 + HOUR)]);
    expect(await firing()).toEqual([]);
    await store.insert('regressions', [regression('r1', 'success_rate', T0 + 2 * HOUR)]);
    expect(await firing()).toEqual([{ agent: AGENT, release_id: 'r1', metric: 'success_rate', regressions: '1' }]);
  });

  it('has string columns for labels and exactly one numeric column for the threshold', async () => {
    const sql = readFileSync(join(QUERIES_DIR, 'regression_alert_rule.sql'), 'utf8');
    expect(sql).not.toMatch(/\{\w+:\w+\}|\$__/);
    const columns = await store.query<{ name: string; type: string }>(`DESCRIBE TABLE (${sql})`);
    const numeric = columns.filter((column) => /^(U?Int|Float|Decimal)/.test(column.type)).map((column) => column.name);
    expect(numeric).toEqual(['regressions']);
    const labels = columns.filter((column) => !numeric.includes(column.name)).map((column) => [column.name, column.type]);
    expect(labels).toEqual([
      ['agent', 'LowCardinality(String)'],
      ['release_id', 'String'],
      ['metric', 'LowCardinality(String)'],
    ]);
  });
});
