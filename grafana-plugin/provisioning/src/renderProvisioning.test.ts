import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PLUGIN_IDS } from './deployment.ts';
import { renderProvisioning } from './renderProvisioning.ts';

const OUTPUT_DIR = fileURLToPath(new URL('../grafana/', import.meta.url));
const PLUGIN_SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe('Grafana provisioning', () => {
  const rendered = renderProvisioning();

  it('is committed exactly as the generator writes it (regenerate with `pnpm --filter @trumpets/grafana-provisioning generate`)', () => {
    expect(filesUnder(OUTPUT_DIR)).toEqual(Object.keys(rendered).sort());
    for (const [path, content] of Object.entries(rendered))
      expect({ path, content: readFileSync(join(OUTPUT_DIR, path), 'utf8') }).toEqual({ path, content });
  });

  it('routes rollback alerts to the collector webhook with the act token and the HMAC secret', () => {
    const policies = parse(rendered['alerting/policies.yaml']!).policies[0];
    const route = policies.routes.find(
      (r: { object_matchers?: string[][] }) => JSON.stringify(r.object_matchers) === '[["trumpets_action","=","rollback"]]',
    );
    expect(route.receiver).toBe('Trumpets collector');
    const contact = parse(rendered['alerting/contact-points.yaml']!).contactPoints[0];
    expect(contact.name).toBe(route.receiver);
    expect(contact.receivers[0].settings).toMatchObject({
      url: 'http://collector:4318/api/alerts/grafana',
      authorization_credentials: '$TRUMPETS_ACT_TOKEN',
      hmacConfig: { secret: '$TRUMPETS_ALERT_HMAC_SECRET' },
    });
  });

  it('alerts on the ClickHouse data source with the regression query from queries/, labelled for rollback', () => {
    const [group] = parse(rendered['alerting/rules.yaml']!).groups;
    const rule = group.rules.find((r: { uid: string }) => r.uid === 'trumpets-regression-clickhouse');
    const sql = readFileSync(fileURLToPath(new URL('../../../queries/regression_alert_rule.sql', import.meta.url)), 'utf8').trim();
    expect(rule.data[0]).toMatchObject({ datasourceUid: 'trumpets-clickhouse', model: { rawSql: sql, format: 1 } });
    expect(rule.data[1]).toMatchObject({ datasourceUid: '__expr__', model: { type: 'threshold', expression: 'A' } });
    expect(rule.condition).toBe('C');
    expect(rule.labels).toEqual({ trumpets_action: 'rollback' });
    expect(group.rules.find((r: { uid: string }) => r.uid === 'trumpets-regression-prometheus').isPaused).toBe(true);
  });

  it('uses only data sources it provisions, and the plugin ids of the plugin.json files present', () => {
    const dataSources = parse(rendered['datasources/trumpets.yaml']!).datasources as Array<{ uid: string; type: string }>;
    const uids = new Set(dataSources.map((ds) => ds.uid));
    const used = [
      ...rendered['dashboards/agent-quality.json']!.matchAll(/"uid": "([^"]+)"/g),
      ...rendered['alerting/rules.yaml']!.matchAll(/datasourceUid: (\S+)/g),
    ]
      .map((m) => m[1]!)
      .filter((uid) => uid !== '__expr__' && uid !== 'trumpets-agent-quality');
    expect(used.filter((uid) => !uids.has(uid))).toEqual([]);
    const ids = (existsSync(PLUGIN_SRC) ? filesUnder(PLUGIN_SRC) : [])
      .filter((path) => path.endsWith('plugin.json'))
      .map((path) => (JSON.parse(readFileSync(join(PLUGIN_SRC, path), 'utf8')) as { id: string }).id);
    // Until the plugin's sources exist there is nothing to check them against.
    if (ids.length > 0) {
      const ours = Object.values(PLUGIN_IDS).filter((id) => id !== PLUGIN_IDS.clickHouse);
      expect(ours.filter((id) => !ids.includes(id))).toEqual([]);
    }
  });
});
