import { DATASOURCE_UIDS, fromEnv, GRAFANA_ENV, PLUGIN_IDS, SERVICE_URLS } from './deployment.ts';

/** plugins/: the app, enabled, talking to the collector with a read token and an act token (for actions). */
export function appProvisioning() {
  return {
    apiVersion: 1,
    apps: [
      {
        type: PLUGIN_IDS.app,
        org_id: 1,
        disabled: false,
        jsonData: { apiUrl: SERVICE_URLS.collector },
        secureJsonData: { readToken: fromEnv(GRAFANA_ENV.readToken), actToken: fromEnv(GRAFANA_ENV.actToken) },
      },
    ],
  };
}

/**
 * datasources/: our data source (panels, template variables), the official ClickHouse data
 * source on the same store (stock panels and alert rules: alerting needs a backend data source),
 * and Prometheus scraping the collector's /metrics (the second way to alert).
 */
export function dataSourceProvisioning() {
  return {
    apiVersion: 1,
    datasources: [
      {
        name: 'Trumpets',
        type: PLUGIN_IDS.dataSource,
        uid: DATASOURCE_UIDS.trumpets,
        access: 'proxy',
        isDefault: true,
        editable: false,
        jsonData: { apiUrl: SERVICE_URLS.collector },
        secureJsonData: { readToken: fromEnv(GRAFANA_ENV.readToken) },
      },
      {
        name: 'Trumpets ClickHouse',
        type: PLUGIN_IDS.clickHouse,
        uid: DATASOURCE_UIDS.clickHouse,
        editable: false,
        jsonData: {
          host: SERVICE_URLS.clickHouseHost,
          port: SERVICE_URLS.clickHouseNativePort,
          protocol: 'native',
          secure: false,
          username: fromEnv(GRAFANA_ENV.clickHouseUser),
          defaultDatabase: 'default',
        },
        secureJsonData: { password: fromEnv(GRAFANA_ENV.clickHousePassword) },
      },
      {
        name: 'Trumpets Prometheus',
        type: 'prometheus',
        uid: DATASOURCE_UIDS.prometheus,
        access: 'proxy',
        url: SERVICE_URLS.prometheus,
        editable: false,
        jsonData: { timeInterval: '15s' },
      },
    ],
  };
}

/** dashboards/: a file provider for the generated dashboards, in the Trumpets folder. */
export function dashboardProviderProvisioning(path: string) {
  return {
    apiVersion: 1,
    providers: [{ name: 'trumpets', folder: 'Trumpets', folderUid: 'trumpets', type: 'file', disableDeletion: true, options: { path } }],
  };
}
