import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EmbeddedStore } from '../store/embeddedStore.ts';
import { readMigrations, runMigrations } from '../store/migrations.ts';

/**
 * A store that ran migration 105 (error headlines) before 100 (the hash sort key) existed: after
 * 100 it keeps the ErrorHeadline column, the episode is kept with its headline empty (as 105
 * leaves rows assembled before it), and new assemblies store their headline.
 */
let dir = '';
let store: EmbeddedStore;

const episode = (assembled: string) => ({
  EpisodeId: 'e9',
  TraceId: 'e9',
  Agent: 'desk',
  Outcome: 'failure',
  StartTime: '2026-12-01 12:00:00',
  EndTime: '2026-12-01 12:00:00',
  AssembledAt: assembled,
  ErrorHeadline: 'inventory service timed out',
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trumpets-episode-key-late-'));
  store = new EmbeddedStore(dir);
  await runMigrations(
    store,
    readMigrations().filter((migration) => migration.version !== 100),
  );
  await store.insert('episodes', [episode('2026-12-01 12:00:01')]);
  await runMigrations(store);
});
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('keeps the error headline column where migration 105 ran first', async () => {
  expect(await store.query('SELECT EpisodeId, ErrorHeadline FROM episodes FINAL')).toEqual([{ EpisodeId: 'e9', ErrorHeadline: '' }]);
  await store.insert('episodes', [episode('2026-12-01 12:00:05')]);
  expect(await store.query('SELECT ErrorHeadline FROM episodes FINAL')).toEqual([{ ErrorHeadline: 'inventory service timed out' }]);
});
