import { LoadingState, type DataFrame, type PanelData } from '@grafana/data';

export type PanelState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'wrong-query'; message: string }
  | { kind: 'empty' }
  | { kind: 'ready'; frame: DataFrame };

/**
 * What a Trumpets panel should show for the data it got: the frame it reads (by name, as the data
 * source names it), or why there is none. Stale frames keep showing while a refresh loads.
 */
export function panelStateOf(data: PanelData, frameName: string, queryLabel: string): PanelState {
  const errors = data.errors ?? (data.error ? [data.error] : []);
  const frame = data.series.find((series) => series.name === frameName);
  if (data.state === LoadingState.Loading && !frame) return { kind: 'loading' };
  if (errors.length > 0 || data.state === LoadingState.Error) {
    return { kind: 'error', message: errors.map((error) => error.message ?? 'Query failed').join('; ') || 'The query failed.' };
  }
  if (!frame) {
    if (data.series.length === 0) return { kind: 'empty' };
    return {
      kind: 'wrong-query',
      message: `This panel reads the Trumpets data source's "${queryLabel}" query. Edit the panel and choose that query type.`,
    };
  }
  return frame.length === 0 ? { kind: 'empty' } : { kind: 'ready', frame };
}
