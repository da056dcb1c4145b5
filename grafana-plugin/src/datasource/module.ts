import { DataSourcePlugin } from '@grafana/data';
import { ConfigEditor } from './ConfigEditor';
import { TrumpetsDataSource } from './datasource';
import { QueryEditor } from './QueryEditor';
import type { TrumpetsOptions, TrumpetsQuery } from './types';

export const plugin = new DataSourcePlugin<TrumpetsDataSource, TrumpetsQuery, TrumpetsOptions>(TrumpetsDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
