import { css } from '@emotion/css';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { Stack, Text, useStyles2 } from '@grafana/ui';
import { metricName } from '../../components/format';
import { rowsOf, str } from '../../components/frames';
import { panelStateOf } from '../../components/panelState';
import { PanelStateView } from '../../components/PanelStateView';
import { VerdictBadge } from '../../components/VerdictBadge';
import { testIds } from '../../constants';
import type { GateSummary } from '../../datasource/toFrames';

/** The overall verdict, each metric's verdict, and where the release stands in its rollout. */
export function GatePanel({ data, width, height }: PanelProps) {
  const styles = useStyles2(getStyles);
  const state = panelStateOf(data, 'gate decision', 'Gate decision');
  if (state.kind !== 'ready') {
    return (
      <div data-testid={testIds.panels.gate}>
        <PanelStateView
          state={state}
          loading="Loading the promotion gate…"
          empty="No gate decision yet: this agent has no validated proposal or release. The gate decides once a proposal has been validated."
        />
      </div>
    );
  }
  const summary = state.frame.meta?.custom as GateSummary | undefined;
  const release = summary?.release;
  return (
    <div data-testid={testIds.panels.gate} className={styles.wrap} style={{ width, height }}>
      <Stack direction="column" gap={1}>
        <Stack alignItems="center" gap={1}>
          <Text variant="h4">Gate</Text>
          {summary && <VerdictBadge value={summary.verdict} />}
          {summary && !summary.enforced && <Text color="secondary">shadow mode</Text>}
        </Stack>
        <Text color="secondary">
          {release
            ? `Release ${release.id}: ${release.status.replace('_', ' ')}, ${release.stage}, serving ${release.percent}% of traffic`
            : 'Not released yet: promote the proposal to start a staged rollout.'}
        </Text>
        <div className={styles.grid}>
          {rowsOf(state.frame).map((row) => (
            <div key={str(row.metric)} className={styles.metric} title={str(row.sentence)}>
              <span>
                {metricName(str(row.metric))}
                {row.critical === true ? ' (critical)' : ''}
                {row.decides === false ? ' (does not decide)' : ''}
              </span>
              <VerdictBadge value={str(row.verdict)} />
            </div>
          ))}
        </div>
        {summary?.reasons[0] && <Text color="secondary">{summary.reasons[0]}</Text>}
      </Stack>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ overflow: 'auto' }),
  grid: css({ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: theme.spacing(1) }),
  metric: css({
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    padding: theme.spacing(0.75, 1),
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
  }),
});
