import { AppPlugin, type AppRootProps } from '@grafana/data';
import { LoadingPlaceholder } from '@grafana/ui';
import { lazy, Suspense } from 'react';
import type { AppSettings } from './components/AppConfig';

const App = lazy(() => import('./components/App'));
const AppConfig = lazy(() => import('./components/AppConfig'));

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

export const plugin = new AppPlugin<AppSettings>()
  .setRootPage(Root)
  .addConfigPage({ title: 'Configuration', icon: 'cog', body: Config, id: 'configuration' });
