import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import { DATASOURCE_UIDS, PLUGIN_IDS } from './deployment.ts';

/**
 * The SDK wants builders of its query variants; a query of a data source it has no builder for is
 * built as given (the marker method is the variant's, and JSON leaves it out).
 */
const built = (query: { refId: string } & Record<string, unknown>): cog.Builder<cog.Dataquery> => ({
  build: () => ({ ...query, _implementsDataqueryVariant() {} }),
});

export const trumpetsRef = { type: PLUGIN_IDS.dataSource, uid: DATASOURCE_UIDS.trumpets };
export const clickHouseRef = { type: PLUGIN_IDS.clickHouse, uid: DATASOURCE_UIDS.clickHouse };
export const prometheusRef = { type: 'prometheus', uid: DATASOURCE_UIDS.prometheus };

/** A query of our data source: `queryType` and its fields, as the data source's query editor writes them. */
export function trumpetsQuery(refId: string, queryType: string, fields: Record<string, unknown> = {}) {
  return built({ refId, datasource: trumpetsRef, queryType, ...fields });
}

/** ClickHouse data source formats: 0 time series, 1 table. */
const CLICKHOUSE_FORMAT = { timeSeries: 0, table: 1 } as const;

/** A SQL query of the official ClickHouse data source. */
export function clickHouseSql(refId: string, rawSql: string, format: keyof typeof CLICKHOUSE_FORMAT) {
  return built({
    refId,
    datasource: clickHouseRef,
    editorType: 'sql',
    queryType: format === 'table' ? 'table' : 'timeseries',
    format: CLICKHOUSE_FORMAT[format],
    rawSql,
  });
}

export function promQl(refId: string, expr: string) {
  return built({ refId, datasource: prometheusRef, expr, instant: true, range: false });
}
