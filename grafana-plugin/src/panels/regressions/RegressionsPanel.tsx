import { css } from '@emotion/css';
import type { GrafanaTheme2, PanelProps } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { formatAgo, formatEffect, formatInterval, metricName } from '../../components/format';
import { num, rowsOf, str } from '../../components/frames';
import { panelStateOf } from '../../components/panelState';
import { PanelStateView } from '../../components/PanelStateView';
import { VerdictBadge } from '../../components/VerdictBadge';
import { testIds } from '../../constants';

/** What regressed, by how much, since which release and stage, with the interval, the test and the sample sizes. */
export function RegressionsPanel({ data, width, height }: PanelProps) {
  const styles = useStyles2(getStyles);
  const state = panelStateOf(data, 'regressions', 'Regressions');
  if (state.kind !== 'ready') {
    return (
      <div data-testid={testIds.panels.regressions}>
        <PanelStateView
          state={state}
          loading="Loading regressions…"
          empty="No regressions detected. Every rollout stage is compared with the stable release serving at the same time; a finding appears here as soon as a metric is worse beyond chance."
        />
      </div>
    );
  }
  const now = Date.now();
  return (
    <div data-testid={testIds.panels.regressions} className={styles.list} style={{ width, height }}>
      {rowsOf(state.frame).map((row) => {
        const stage = num(row.stage);
        return (
          <div key={str(row.id)} className={styles.row}>
            <div className={styles.head}>
              <VerdictBadge value="regression" />
              <strong>{metricName(str(row.metric))}</strong>
              <span className={styles.effect}>{formatEffect(num(row.effect) ?? 0, str(row.unit))}</span>
              <span className={styles.muted}>{formatInterval([num(row.low) ?? 0, num(row.high) ?? 0], str(row.unit))}</span>
            </div>
            {str(row.summary) && <div>{str(row.summary)}</div>}
            <div className={styles.muted}>
              {str(row.agent)} · release <code>{str(row.release)}</code>
              {stage !== null ? ` at the ${stage}% stage` : ''} · {str(row.test)} · {str(row['canary episodes'])} canary vs{' '}
              {str(row['control episodes'])} control episodes · detected {formatAgo(new Date(num(row.detected) ?? 0).toISOString(), now)}
            </div>
          </div>
        );
      })}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ overflow: 'auto', display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  row: css({
    padding: theme.spacing(1),
    borderLeft: `3px solid ${theme.colors.error.main}`,
    background: theme.colors.background.secondary,
  }),
  head: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'baseline', flexWrap: 'wrap' }),
  effect: css({ fontSize: theme.typography.h4.fontSize, color: theme.colors.error.text }),
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
