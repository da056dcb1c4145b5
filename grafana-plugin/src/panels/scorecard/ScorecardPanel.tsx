import { css } from '@emotion/css';
import type { DataFrame, GrafanaTheme2, PanelProps } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { formatEffect, formatInterval, formatLevel, metricName } from '../../components/format';
import { num, rowsOf, str } from '../../components/frames';
import { panelStateOf } from '../../components/panelState';
import { PanelStateView } from '../../components/PanelStateView';
import { VerdictBadge } from '../../components/VerdictBadge';
import { testIds } from '../../constants';
import type { GateSummary } from '../../datasource/toFrames';

/** Candidate against baseline per metric: both levels, the paired effect and its interval, the verdict and the gate's sentence. */
export function ScorecardPanel({ data, width, height }: PanelProps) {
  const styles = useStyles2(getStyles);
  const state = panelStateOf(data, 'gate decision', 'Gate decision');
  if (state.kind !== 'ready') {
    return (
      <div data-testid={testIds.panels.scorecard}>
        <PanelStateView
          state={state}
          loading="Loading the scorecard…"
          empty="No validated proposal here yet. Validate a proposal against its benchmark set (POST /api/proposals/{id}/validations), or pick another agent or release."
        />
      </div>
    );
  }
  return (
    <div data-testid={testIds.panels.scorecard} className={styles.wrap} style={{ width, height }}>
      <Scorecard frame={state.frame} />
    </div>
  );
}

/** The scorecard of one gate decision frame; the Proposals page shows the same. */
export function Scorecard({ frame }: { frame: DataFrame }) {
  const styles = useStyles2(getStyles);
  const summary = frame.meta?.custom as GateSummary | undefined;
  return (
    <>
      {summary && (
        <div className={styles.header}>
          <VerdictBadge value={summary.verdict} />
          <span>
            Proposal <code>{summary.proposalId}</code>: candidate <code>{summary.candidateVersion.slice(0, 12)}</code> vs baseline{' '}
            <code>{summary.baselineVersion.slice(0, 12)}</code>
            {summary.enforced ? '' : ' (shadow mode: reported, not enforced)'}
          </span>
        </div>
      )}
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Metric</th>
            <th>Baseline</th>
            <th>Candidate</th>
            <th>Change (interval)</th>
            <th>Verdict</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          {rowsOf(frame).map((row) => {
            const levelUnit = str(row['level unit']);
            const baseline = num(row.baseline);
            const candidate = num(row.candidate);
            const estimate = num(row.estimate);
            const low = num(row.low);
            const high = num(row.high);
            return (
              <tr key={str(row.metric)}>
                <td>{metricName(str(row.metric))}</td>
                <td>{baseline === null ? '—' : formatLevel(baseline, levelUnit)}</td>
                <td>{candidate === null ? '—' : formatLevel(candidate, levelUnit)}</td>
                <td>
                  {estimate === null ? (
                    <span className={styles.muted}>{str(row['no data']) || '—'}</span>
                  ) : (
                    <>
                      {formatEffect(estimate, str(row.unit))}{' '}
                      <span className={styles.muted}>
                        {low !== null && high !== null ? formatInterval([low, high], str(row.unit)) : ''}
                      </span>
                    </>
                  )}
                </td>
                <td>
                  <VerdictBadge value={str(row.verdict)} />
                </td>
                <td className={styles.sentence}>{str(row.sentence)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ overflow: 'auto' }),
  header: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'center', marginBottom: theme.spacing(1) }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': {
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
      verticalAlign: 'top',
    },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  }),
  muted: css({ color: theme.colors.text.secondary }),
  sentence: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize, maxWidth: 480 }),
});
