import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import type { ReactNode } from 'react';
import { testIds } from '../constants';
import type { PanelState } from './panelState';

/** Loading, error, empty and wrong-query states, each saying what to do next. */
export function PanelStateView({
  state,
  loading,
  empty,
}: {
  state: Exclude<PanelState, { kind: 'ready' }>;
  loading: string;
  empty: ReactNode;
}) {
  const styles = useStyles2(getStyles);
  if (state.kind === 'loading') return <LoadingPlaceholder text={loading} data-testid={testIds.panels.state} />;
  const icon = state.kind === 'error' ? 'exclamation-triangle' : 'info-circle';
  const body = state.kind === 'empty' ? empty : state.message;
  return (
    <div className={styles.box} data-testid={testIds.panels.state} data-state={state.kind}>
      <Icon name={icon} size="xl" className={state.kind === 'error' ? styles.error : styles.info} />
      <div>{body}</div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    display: 'flex',
    gap: theme.spacing(1.5),
    alignItems: 'flex-start',
    padding: theme.spacing(2),
    color: theme.colors.text.secondary,
  }),
  error: css({ color: theme.colors.error.text, flexShrink: 0 }),
  info: css({ color: theme.colors.text.secondary, flexShrink: 0 }),
});
