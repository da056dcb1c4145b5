/**
 * Names the provisioning and docker-compose.yml share: plugin ids, data source uids, the
 * collector's and ClickHouse's addresses inside the compose network, and the environment
 * variables Grafana expands in provisioning files (`$NAME`), so no secret is written here.
 */

/** Plugin ids, as in grafana-plugin/src/**\/plugin.json. */
export const PLUGIN_IDS = {
  app: 'trumpets-learningloop-app',
  dataSource: 'trumpets-learningloop-datasource',
  regressionsPanel: 'trumpets-regressions-panel',
  scorecardPanel: 'trumpets-scorecard-panel',
  gatePanel: 'trumpets-gate-panel',
  clickHouse: 'grafana-clickhouse-datasource',
} as const;

export const DATASOURCE_UIDS = {
  trumpets: 'trumpets',
  clickHouse: 'trumpets-clickhouse',
  prometheus: 'trumpets-prometheus',
} as const;

/** Where the other services are, seen from Grafana inside the compose network. */
export const SERVICE_URLS = {
  collector: 'http://collector:4318',
  prometheus: 'http://prometheus:9090',
  clickHouseHost: 'clickhouse',
  clickHouseNativePort: 9000,
} as const;

/** Environment variables of the Grafana service that provisioning files read. */
export const GRAFANA_ENV = {
  readToken: 'TRUMPETS_READ_TOKEN',
  actToken: 'TRUMPETS_ACT_TOKEN',
  webhookHmacSecret: 'TRUMPETS_ALERT_HMAC_SECRET',
  clickHouseUser: 'CLICKHOUSE_USER',
  clickHousePassword: 'CLICKHOUSE_PASSWORD',
} as const;

/** `$NAME`, which Grafana replaces with the variable's value when it reads a provisioning file. */
export const fromEnv = (name: string) => `$${name}`;

/** The folder alert rules and the dashboard are provisioned into. */
export const FOLDER = { uid: 'trumpets', title: 'Trumpets' } as const;
