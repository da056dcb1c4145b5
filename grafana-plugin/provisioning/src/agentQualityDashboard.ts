import {
  DashboardBuilder,
  PanelBuilder,
  QueryVariableBuilder,
  RowBuilder,
  VariableRefresh,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TimeseriesBuilder } from '@grafana/grafana-foundation-sdk/timeseries';
import { clickHouseSql, trumpetsQuery, trumpetsRef } from './dataQueries.ts';
import { PLUGIN_IDS } from './deployment.ts';

/**
 * Template variables from the collector's label lists, in our data source's variable query
 * language (`agents`, `versions $agent`, `releases $agent`): versions and releases follow the
 * chosen agent; "All" means no filter.
 */
function labelVariable(name: 'agent' | 'version' | 'release', label: string) {
  return new QueryVariableBuilder(name)
    .label(label)
    .datasource(trumpetsRef)
    .query(name === 'agent' ? 'agents' : `${name}s $agent`)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .includeAll(name !== 'agent');
}

/** Our panel plugins, each on our data source. */
function trumpetsPanel(type: string, title: string, queryType: string, description: string) {
  return new PanelBuilder()
    .type(type)
    .title(title)
    .description(description)
    .datasource(trumpetsRef)
    .withTarget(trumpetsQuery('A', queryType, { agent: '$agent' }))
    .height(9)
    .span(8);
}

/** A stock time series of one episode metric from our data source, one series per version. */
function episodeMetricPanel(title: string, metric: string, unit: string) {
  return new TimeseriesBuilder()
    .title(title)
    .datasource(trumpetsRef)
    .withTarget(
      trumpetsQuery('A', 'episodeMetrics', { metric, groupBy: 'version', agent: '$agent', version: '$version', release: '$release' }),
    )
    .unit(unit)
    .height(8)
    .span(8);
}

/** Episodes per interval and outcome, straight from the episodes table through the ClickHouse data source. */
const EPISODES_BY_OUTCOME_SQL = `SELECT $__timeInterval(StartTime) AS time, Outcome, count() AS episodes
FROM episodes FINAL
WHERE $__timeFilter(StartTime) AND Agent = '\${agent}'
GROUP BY time, Outcome
ORDER BY time`;

const P95_BY_RELEASE_SQL = `SELECT $__timeInterval(StartTime) AS time, ReleaseId, quantile(0.95)(LatencyMs) AS p95_latency_ms
FROM episodes FINAL
WHERE $__timeFilter(StartTime) AND Agent = '\${agent}'
GROUP BY time, ReleaseId
ORDER BY time`;

/** The "Agent quality" dashboard: what regressed and the gate first, then the episode metrics, then raw SQL views. */
export function agentQualityDashboard() {
  return new DashboardBuilder('Agent quality')
    .uid('trumpets-agent-quality')
    .tags(['trumpets', 'agents'])
    .description('Regressions, promotion gates and episode quality of one agent, by version and release.')
    .time({ from: 'now-24h', to: 'now' })
    .refresh('1m')
    .readonly()
    .withVariable(labelVariable('agent', 'Agent'))
    .withVariable(labelVariable('version', 'Version'))
    .withVariable(labelVariable('release', 'Release'))
    .withRow(new RowBuilder('Releases'))
    .withPanel(
      trumpetsPanel(
        PLUGIN_IDS.regressionsPanel,
        'Regressions',
        'regressions',
        'What regressed, by how much, since which release, with the interval and test.',
      ),
    )
    .withPanel(
      trumpetsPanel(
        PLUGIN_IDS.gatePanel,
        'Promotion gate',
        'gateDecision',
        "Per-metric verdicts, the overall verdict and the release's rollout stage.",
      ),
    )
    .withPanel(
      trumpetsPanel(
        PLUGIN_IDS.scorecardPanel,
        'Proposal scorecard',
        'proposals',
        "Candidate against baseline per metric, with intervals and the gate's sentence.",
      ),
    )
    .withRow(new RowBuilder('Episodes'))
    .withPanel(episodeMetricPanel('Success rate', 'success_rate', 'percentunit'))
    .withPanel(episodeMetricPanel('Escalation rate', 'escalation_rate', 'percentunit'))
    .withPanel(episodeMetricPanel('Latency p95', 'latency_p95', 'ms'))
    .withPanel(episodeMetricPanel('Latency p50', 'latency_p50', 'ms'))
    .withPanel(episodeMetricPanel('Cost per episode', 'cost_per_episode', 'currencyUSD'))
    .withPanel(episodeMetricPanel('Tokens per episode', 'tokens_per_episode', 'short'))
    .withRow(new RowBuilder('From the store (ClickHouse SQL)'))
    .withPanel(
      new TimeseriesBuilder()
        .title('Episodes by outcome')
        .withTarget(clickHouseSql('A', EPISODES_BY_OUTCOME_SQL, 'timeSeries'))
        .height(8)
        .span(12),
    )
    .withPanel(
      new TimeseriesBuilder()
        .title('Latency p95 by release')
        .withTarget(clickHouseSql('A', P95_BY_RELEASE_SQL, 'timeSeries'))
        .unit('ms')
        .height(8)
        .span(12),
    );
}
