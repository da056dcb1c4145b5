import { EmbeddedStore } from './embeddedStore.ts';
import type { EngineLimits } from './engineLimits.ts';
import { ServerStore, type ServerStoreOptions } from './serverStore.ts';
import { StoreError, type Store } from './Store.ts';

/** How long to wait for the data directory's lock when the embedded store is busy. */
const LOCK_WAIT_MS = 5_000;

/**
 * The server backend when a ClickHouse URL is configured, otherwise the embedded engine. A
 * restart right after a crash can find the directory still locked for a moment while the old
 * process is torn down, so opening retries for a few seconds before giving up.
 */
export async function createStore(config: { dataDir: string; clickhouse?: ServerStoreOptions; engine: EngineLimits }): Promise<Store> {
  if (config.clickhouse) return new ServerStore(config.clickhouse);
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      return new EmbeddedStore(config.dataDir, config.engine);
    } catch (error) {
      if (!(error instanceof StoreError) || !error.retryable || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
