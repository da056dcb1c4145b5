import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { EmbeddedStore } from './embeddedStore.ts';
import { DEFAULT_ENGINE_LIMITS } from './engineLimits.ts';

describe('embedded engine limits', () => {
  it('starts the engine with the configured memory limit, caches and merge threads; unset limits keep their defaults', async () => {
    const config = loadConfig({
      TRUMPETS_ENGINE_MAX_MEMORY_BYTES: '700000000',
      TRUMPETS_ENGINE_QUERY_MAX_MEMORY_BYTES: '300000000',
      TRUMPETS_ENGINE_MARK_CACHE_BYTES: '12345678',
      TRUMPETS_ENGINE_MERGE_THREADS: '3',
    });
    expect(config.engine.uncompressedCacheBytes).toBe(DEFAULT_ENGINE_LIMITS.uncompressedCacheBytes);
    const dir = mkdtempSync(join(tmpdir(), 'trumpets-engine-'));
    const store = new EmbeddedStore(dir, config.engine);
    try {
      const server = await store.query<{ name: string; value: string }>(
        "SELECT name, value FROM system.server_settings WHERE name IN ('max_server_memory_usage', 'mark_cache_size', 'background_pool_size', 'primary_index_cache_size')",
      );
      expect(Object.fromEntries(server.map((row) => [row.name, Number(row.value)]))).toEqual({
        max_server_memory_usage: 700_000_000,
        mark_cache_size: 12_345_678,
        background_pool_size: 3,
        primary_index_cache_size: DEFAULT_ENGINE_LIMITS.primaryIndexCacheBytes,
      });
      const [query] = await store.query<{ value: string }>("SELECT value FROM system.settings WHERE name = 'max_memory_usage'");
      expect(Number(query?.value)).toBe(300_000_000);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a limit that is not a positive number of bytes, naming the variable', () => {
    expect(() => loadConfig({ TRUMPETS_ENGINE_MAX_MEMORY_BYTES: '1GB' })).toThrow(/TRUMPETS_ENGINE_MAX_MEMORY_BYTES/);
  });
});
