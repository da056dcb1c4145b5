import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type CollectorConfig } from '../config.ts';
import { tokensSchema } from '../http/apiTokens.ts';
import { silentLogger } from '../log/logger.ts';
import { startCollector, type RunningCollector } from '../startCollector.ts';
import { EmbeddedStore } from '../store/embeddedStore.ts';
import { NO_RETENTION } from '../store/retention.ts';
import { FaultyStore } from './FaultyStore.ts';

export interface InProcessCollector {
  collector: RunningCollector;
  /** The collector's own store, for SQL assertions and fault injection. */
  store: FaultyStore;
  /** POSTs an OTLP body to /v1/traces. */
  post(body: string | Buffer, headers: Record<string, string>): Promise<Response>;
  /** Any request to the collector, by path (e.g. `/api/failure-modes?agent=x`). Use this rather than fetch, so credentials are added in one place. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** Closes the collector and removes its data directory. */
  close(): Promise<void>;
}

/** The secret of the harness's token, which has every scope; `post` and `request` send it. */
export const TEST_TOKEN = 'test-secret-0123456789abcdef';

/** A collector on a free loopback port with an embedded store in a fresh temp directory, requiring tokens. */
export type CollectorOverrides = Partial<Omit<CollectorConfig, 'spool'>> & { spool?: Partial<CollectorConfig['spool']> };

export async function startInProcessCollector(overrides: CollectorOverrides = {}): Promise<InProcessCollector> {
  const dir = mkdtempSync(join(tmpdir(), 'trumpets-test-'));
  const dataDir = join(dir, 'data');
  const store = new FaultyStore(new EmbeddedStore(dataDir));
  const defaults = loadConfig({});
  const tokens = tokensSchema.parse(`test:${TEST_TOKEN}:ingest+read+act`);
  const config = {
    ...defaults,
    port: 0,
    dataDir,
    assemblyIntervalMs: 10,
    // Tests draft proposals by calling the drafter, never on a timer that could add proposals mid-test.
    proposalDrafting: { intervalMs: 0 },
    retention: NO_RETENTION,
    tokens,
    ...overrides,
    spool: { ...defaults.spool, dir: join(dir, 'spool'), ...overrides.spool },
  };
  const collector = await startCollector(config, silentLogger, store);
  return {
    collector,
    store,
    request: (path, init) =>
      fetch(`${collector.url}${path}`, { ...init, headers: { authorization: `Bearer ${TEST_TOKEN}`, ...init?.headers } }),
    post: (body, headers) =>
      fetch(`${collector.url}/v1/traces`, {
        method: 'POST',
        body: typeof body === 'string' ? body : new Uint8Array(body),
        headers: { authorization: `Bearer ${TEST_TOKEN}`, ...headers },
      }),
    async close() {
      await collector.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
