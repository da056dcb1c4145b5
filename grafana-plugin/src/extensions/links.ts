import { PluginExtensionPoints, type PluginExtensionAddedLinkConfig, type PluginExtensionPanelContext } from '@grafana/data';
import pluginJson from '../plugin.json';
import { prefixRoute, ROUTES } from '../constants';

const DATASOURCE_ID = 'trumpets-learningloop-datasource';
const OUR_PANELS = new Set(['trumpets-regressions-panel', 'trumpets-scorecard-panel', 'trumpets-gate-panel']);

/** What Grafana's alerting passes to an alert instance's action menu: the instance and its labels. */
export interface AlertInstanceContext {
  instance?: { labels?: Record<string, string> };
}

interface TrumpetsTarget {
  datasource?: { type?: string } | null;
  agent?: string;
  release?: string;
  proposalId?: string;
}

function withParams(route: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const text = query.toString();
  return text ? `${prefixRoute(route)}?${text}` : prefixRoute(route);
}

/**
 * Where "Open in Trumpets" on a dashboard panel leads: the proposal a scorecard or gate panel
 * shows, else the releases of the agent a panel's Trumpets query names. Panels that neither are
 * ours nor query the Trumpets data source get no link (undefined hides it).
 */
export function panelLinkPath(context: Readonly<PluginExtensionPanelContext> | undefined): string | undefined {
  if (!context) return undefined;
  const targets = (context.targets ?? []) as TrumpetsTarget[];
  const ours = targets.filter((target) => target.datasource?.type === DATASOURCE_ID);
  if (!OUR_PANELS.has(context.pluginId) && ours.length === 0) return undefined;
  const replace = (value: string | undefined) => (value && context.scopedVars ? interpolate(value, context.scopedVars) : value);
  const proposalId = replace(ours.find((target) => target.proposalId)?.proposalId);
  if (proposalId) return withParams(ROUTES.Proposals, { proposal: proposalId });
  const agent = replace(ours.find((target) => target.agent)?.agent);
  const release = replace(ours.find((target) => target.release)?.release);
  return withParams(ROUTES.Releases, { agent, release });
}

/** A variable the panel's scope sets (`$agent`, `${agent}`), else the text as it is; an unset variable is dropped. */
function interpolate(value: string, scopedVars: NonNullable<PluginExtensionPanelContext['scopedVars']>): string | undefined {
  const name = /^\$\{?(\w+)\}?$/.exec(value)?.[1];
  if (!name) return value;
  const scoped = scopedVars[name]?.value;
  return typeof scoped === 'string' && scoped !== '' ? scoped : undefined;
}

/** Where "Open release in Trumpets" on an alert instance leads: the release its labels name (our rule sets agent and release_id). */
export function alertLinkPath(context: Readonly<AlertInstanceContext> | undefined): string | undefined {
  const labels = context?.instance?.labels;
  if (!labels?.agent) return undefined;
  return withParams(ROUTES.Releases, { agent: labels.agent, release: labels.release_id });
}

/**
 * A link declared in plugin.json under `title` (Grafana shows only declared links), at one
 * extension point, shown where `pathFor` finds a path for the context and hidden elsewhere.
 */
function addedLink<Context extends object>(
  title: string,
  target: PluginExtensionPoints,
  icon: PluginExtensionAddedLinkConfig['icon'],
  pathFor: (context: Readonly<Context> | undefined) => string | undefined,
): PluginExtensionAddedLinkConfig<Context> {
  const declared = pluginJson.extensions.addedLinks.find((link) => link.title === title);
  if (!declared) throw new Error(`plugin.json declares no added link "${title}"`);
  return {
    ...declared,
    targets: [target],
    icon,
    configure: (context) => {
      const path = pathFor(context);
      return path ? { path } : undefined;
    },
  };
}

export const panelLink = addedLink('Open in Trumpets', PluginExtensionPoints.DashboardPanelMenu, 'external-link-alt', panelLinkPath);
export const alertLink = addedLink('Open release in Trumpets', PluginExtensionPoints.AlertInstanceAction, 'history', alertLinkPath);
