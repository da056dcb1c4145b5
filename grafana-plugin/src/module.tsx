import { AppPlugin, type AppRootProps } from '@grafana/data';
import { LoadingPlaceholder } from '@grafana/ui';
import { lazy, Suspense } from 'react';
import type { AppSettings } from './components/AppConfig';
import { EXPOSED_COMPONENTS } from './constants';
import { alertLink, panelLink } from './extensions/links';
import type { ReleaseStatusProps } from './extensions/ReleaseStatus';
import pluginJson from './plugin.json';

const App = lazy(() => import('./components/App'));
const AppConfig = lazy(() => import('./components/AppConfig'));
const ReleaseStatus = lazy(() => import('./extensions/ReleaseStatus'));

function Root(props: AppRootProps<AppSettings>) {
  return (
    <Suspense fallback={<LoadingPlaceholder text="Loading Trumpets…" />}>
      <App {...props} />
    </Suspense>
  );
}

function Config(props: Parameters<typeof AppConfig>[0]) {
  return (
    <Suspense fallback={<LoadingPlaceholder text="Loading…" />}>
      <AppConfig {...props} />
    </Suspense>
  );
}

function ExposedReleaseStatus(props: ReleaseStatusProps) {
  return (
    <Suspense fallback={<LoadingPlaceholder text="Loading…" />}>
      <ReleaseStatus {...props} />
    </Suspense>
  );
}

const releaseStatus = pluginJson.extensions.exposedComponents.find((entry) => entry.id === EXPOSED_COMPONENTS.releaseStatus)!;

export const plugin = new AppPlugin<AppSettings>()
  .setRootPage(Root)
  .addConfigPage({ title: 'Configuration', icon: 'cog', body: Config, id: 'configuration' })
  .addLink(panelLink)
  .addLink(alertLink)
  .exposeComponent({ ...releaseStatus, component: ExposedReleaseStatus });
