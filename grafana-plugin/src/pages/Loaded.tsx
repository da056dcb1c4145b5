import { Alert, Button, LoadingPlaceholder } from '@grafana/ui';
import type { ReactNode } from 'react';
import type { Load } from './useLoad';

/** A page section's loading and error states; renders `children` once there is a value. */
export function Loaded<T>({ load, what, children }: { load: Load<T>; what: string; children: (value: T) => ReactNode }) {
  if (load.error)
    return (
      <Alert severity="error" title={`Could not load ${what}`}>
        {load.error.message}{' '}
        <Button size="sm" variant="secondary" onClick={load.reload}>
          Retry
        </Button>
      </Alert>
    );
  if (load.value === undefined) return <LoadingPlaceholder text={`Loading ${what}…`} />;
  return <>{children(load.value)}</>;
}
