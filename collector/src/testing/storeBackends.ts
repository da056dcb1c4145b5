import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore } from '../store/embeddedStore.ts';
import { ServerStore } from '../store/serverStore.ts';
import type { Store } from '../store/Store.ts';
import { startClickHouseServerStandIn } from './clickHouseServerStandInProcess.ts';

/** A store to run a test on, opened fresh, with what tears it down (and, for the stand-in, kills its server). */
export interface StoreBackend {
  name: string;
  open: () => Promise<{ store: Store; cleanup: () => Promise<void>; kill?: () => Promise<void> }>;
}

/**
 * Every backend reachable here: the embedded engine, the server backend through the real
 * @clickhouse/client against the ClickHouse server stand-in (the HTTP interface served from the
 * embedded engine in a process of its own), and a real server when CLICKHOUSE_URL is set.
 */
export function storeBackends(): StoreBackend[] {
  const backends: StoreBackend[] = [
    {
      name: 'embedded (chdb)',
      open: async () => {
        const dir = mkdtempSync(join(tmpdir(), 'trumpets-store-'));
        return { store: new EmbeddedStore(dir), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
      },
    },
    {
      name: 'server (@clickhouse/client against the stand-in server)',
      open: async () => {
        const dir = mkdtempSync(join(tmpdir(), 'trumpets-standin-'));
        const server = await startClickHouseServerStandIn({ dataDir: dir });
        const store = new ServerStore({ url: server.url, username: server.username, password: server.password, database: 'default' });
        return {
          store,
          kill: () => server.kill(),
          cleanup: async () => {
            await server.close();
            rmSync(dir, { recursive: true, force: true });
          },
        };
      },
    },
  ];
  const serverUrl = process.env.CLICKHOUSE_URL;
  if (serverUrl) {
    backends.push({
      name: `server (${serverUrl})`,
      open: async () => ({
        store: new ServerStore({
          url: serverUrl,
          username: process.env.CLICKHOUSE_USER ?? 'default',
          password: process.env.CLICKHOUSE_PASSWORD ?? '',
          database: 'default',
        }),
        cleanup: async () => {},
      }),
    });
  }
  return backends;
}
