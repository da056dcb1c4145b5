import {
  applyFieldOverrides,
  createTheme,
  getDefaultTimeRange,
  LoadingState,
  type DataFrame,
  type DataQueryError,
  type PanelProps,
} from '@grafana/data';

/** Props a panel gets from Grafana for these frames, passed through field overrides as the query runner does. */
export function panelProps(series: DataFrame[], state = LoadingState.Done, errors?: DataQueryError[]): PanelProps {
  const timeRange = getDefaultTimeRange();
  const processed = applyFieldOverrides({
    data: series,
    fieldConfig: { defaults: {}, overrides: [] },
    replaceVariables: (text) => text,
    theme: createTheme(),
    timeZone: 'utc',
  });
  return {
    id: 1,
    data: { series: processed, state, errors, timeRange },
    timeRange,
    timeZone: 'utc',
    options: {},
    fieldConfig: { defaults: {}, overrides: [] },
    transparent: false,
    width: 800,
    height: 400,
    renderCounter: 0,
    title: 'Panel',
    eventBus: {
      publish() {},
      getStream: () => ({ subscribe: () => ({ unsubscribe() {} }) }),
      subscribe: () => ({ unsubscribe() {} }),
      removeAllListeners() {},
      newScopedBus() {},
    } as never,
    onOptionsChange() {},
    onFieldConfigChange() {},
    replaceVariables: (text) => text,
    onChangeTimeRange() {},
  } as PanelProps;
}
