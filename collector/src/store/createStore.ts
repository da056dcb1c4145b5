import type { CollectorConfig } from '../config.ts';
import { EmbeddedStore } from './embeddedStore.ts';
import { ServerStore } from './serverStore.ts';
import type { Store } from './Store.ts';

/** The server backend when a ClickHouse URL is configured, otherwise the embedded engine. */
export function createStore(config: Pick<CollectorConfig, 'clickhouse' | 'dataDir'>): Store {
  return config.clickhouse ? new ServerStore(config.clickhouse) : new EmbeddedStore(config.dataDir);
}
