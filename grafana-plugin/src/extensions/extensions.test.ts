import type { PluginExtensionPanelContext } from '@grafana/data';
import { describe, expect, it } from 'vitest';
import { plugin } from '../module';
import pluginJson from '../plugin.json';
import { alertLinkPath, panelLinkPath } from './links';
import { currentRelease } from './ReleaseStatus';

const BASE = '/a/trumpets-learningloop-app';
const ours = { type: 'trumpets-learningloop-datasource', uid: 'trumpets' };

function panel(pluginId: string, targets: object[], scopedVars: PluginExtensionPanelContext['scopedVars'] = {}) {
  return { pluginId, id: 1, title: 'panel', targets, scopedVars } as unknown as PluginExtensionPanelContext;
}

describe('the extensions the app registers', () => {
  it('are the ones plugin.json declares (Grafana ignores undeclared ones)', () => {
    const links = plugin.addedLinkConfigs.map(({ title, description, targets }) => ({ title, description, targets }));
    expect(links).toEqual(pluginJson.extensions.addedLinks);
    const components = plugin.exposedComponentConfigs.map(({ id, title, description }) => ({ id, title, description }));
    expect(components).toEqual(pluginJson.extensions.exposedComponents);
    for (const component of components) expect(component.id).toMatch(new RegExp(`^${pluginJson.id}/[a-z-]+/v\\d+$`));
  });
});

describe('"Open in Trumpets" on a dashboard panel', () => {
  it('opens the proposal a scorecard or gate panel shows', () => {
    expect(panelLinkPath(panel('trumpets-scorecard-panel', [{ datasource: ours, queryType: 'gateDecision', proposalId: 'p-1' }]))).toBe(
      `${BASE}/proposals?proposal=p-1`,
    );
  });

  it("opens the releases of the agent a panel's query names, with dashboard variables resolved", () => {
    const target = { datasource: ours, queryType: 'episodeMetrics', agent: '$agent', release: '${release}' };
    const scoped = { agent: { text: 'support', value: 'support' }, release: { text: 'r 2', value: 'r 2' } };
    expect(panelLinkPath(panel('timeseries', [target], scoped))).toBe(`${BASE}/releases?agent=support&release=r+2`);
    expect(panelLinkPath(panel('timeseries', [target]))).toBe(`${BASE}/releases`);
  });

  it('stays off panels that neither are ours nor query Trumpets', () => {
    expect(panelLinkPath(panel('timeseries', [{ datasource: { type: 'prometheus' }, expr: 'up' }]))).toBeUndefined();
    expect(panelLinkPath(undefined)).toBeUndefined();
    expect(panelLinkPath(panel('trumpets-regressions-panel', []))).toBe(`${BASE}/releases`);
  });
});

describe('"Open release in Trumpets" on an alert instance', () => {
  it('opens the release the regression rule labelled, and stays off alerts naming no agent', () => {
    expect(alertLinkPath({ instance: { labels: { agent: 'support', release_id: 'r-2', trumpets_action: 'rollback' } } })).toBe(
      `${BASE}/releases?agent=support&release=r-2`,
    );
    expect(alertLinkPath({ instance: { labels: { alertname: 'disk full' } } })).toBeUndefined();
    expect(alertLinkPath({})).toBeUndefined();
  });
});

describe('the exposed release status', () => {
  const release = (id: string, status: string, isStable = false) => ({ id, status, isStable }) as never;
  it('shows the release rolling out or paused, else the one serving everyone', () => {
    expect(currentRelease([release('r3', 'rolled_back'), release('r2', 'paused'), release('r1', 'released', true)])?.id).toBe('r2');
    expect(currentRelease([release('r3', 'rolled_back'), release('r1', 'released', true)])?.id).toBe('r1');
    expect(currentRelease([])).toBeUndefined();
  });
});
