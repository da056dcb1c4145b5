import pluginJson from './plugin.json';

export const PLUGIN_ID = pluginJson.id;
export const PLUGIN_BASE_URL = `/a/${PLUGIN_ID}`;
/** Where Grafana's plugin proxy serves this app's routes (see `routes` in plugin.json). */
export const APP_PROXY_URL = `/api/plugin-proxy/${PLUGIN_ID}`;

/** Components this app exposes to other plugins (`usePluginComponent(id)`), versioned in the id. */
export const EXPOSED_COMPONENTS = { releaseStatus: `${PLUGIN_ID}/release-status/v1` } as const;

export enum ROUTES {
  FailureModes = 'failure-modes',
  Episode = 'episodes',
  Proposals = 'proposals',
  Releases = 'releases',
}

/** An app URL under the plugin's base, e.g. `prefixRoute(ROUTES.Releases)`. */
export function prefixRoute(route: string): string {
  return `${PLUGIN_BASE_URL}/${route}`;
}

/** Test ids, in one place, shared by the components and the browser tests. */
export const testIds = {
  appConfig: { apiUrl: 'tl-config-api-url', readToken: 'tl-config-read-token', actToken: 'tl-config-act-token', save: 'tl-config-save' },
  failureModes: { page: 'tl-failure-modes', row: 'tl-failure-mode-row', badge: 'tl-failure-mode-badge', sparkline: 'tl-sparkline' },
  failureMode: { page: 'tl-failure-mode', example: 'tl-failure-mode-example' },
  episode: {
    page: 'tl-episode',
    tools: 'tl-episode-tools',
    sources: 'tl-episode-sources',
    llmCalls: 'tl-episode-llm-calls',
    output: 'tl-episode-output',
  },
  proposals: { page: 'tl-proposals', row: 'tl-proposal-row', history: 'tl-proposal-history' },
  releases: {
    page: 'tl-releases',
    row: 'tl-release-row',
    action: 'tl-release-action',
    reason: 'tl-release-reason',
    error: 'tl-release-error',
    history: 'tl-release-history',
  },
  panels: {
    regressions: 'tl-panel-regressions',
    scorecard: 'tl-panel-scorecard',
    gate: 'tl-panel-gate',
    verdict: 'tl-verdict',
    state: 'tl-panel-state',
  },
  datasource: { queryType: 'tl-ds-query-type' },
  extensions: { releaseStatus: 'tl-release-status', releaseStatusBadge: 'tl-release-status-badge' },
} as const;
