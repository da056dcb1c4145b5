import type { AppRootProps } from '@grafana/data';
import { LoadingPlaceholder } from '@grafana/ui';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { ROUTES } from '../constants';

const FailureModesPage = lazy(() => import('../pages/FailureModesPage'));
const FailureModePage = lazy(() => import('../pages/FailureModePage'));
const EpisodePage = lazy(() => import('../pages/EpisodePage'));
const ProposalsPage = lazy(() => import('../pages/ProposalsPage'));
const ReleasesPage = lazy(() => import('../pages/ReleasesPage'));

/** The app's pages, each loaded when first visited. Paths are relative to the app's base URL. */
export default function App(_props: AppRootProps) {
  return (
    <Suspense fallback={<LoadingPlaceholder text="Loading…" />}>
      <Routes>
        <Route path={ROUTES.FailureModes} element={<FailureModesPage />} />
        <Route path={`${ROUTES.FailureModes}/:id`} element={<FailureModePage />} />
        <Route path={`${ROUTES.Episode}/:id`} element={<EpisodePage />} />
        <Route path={ROUTES.Proposals} element={<ProposalsPage />} />
        <Route path={ROUTES.Releases} element={<ReleasesPage />} />
        <Route path="*" element={<Navigate replace to={ROUTES.FailureModes} />} />
      </Routes>
    </Suspense>
  );
}
