import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../store/embeddedStore.ts';
import { storeUpgradedPast } from '../testing/storeUpgradedPast.ts';
import { storedEpisodeRow as row } from '../testing/storedEpisodeRow.ts';

/**
 * Migration 100 sorts episodes by (Agent, StartTime, cityHash64(EpisodeId)): a store migrated
 * from the earlier key keeps every live episode once, in its newest version, and FINAL still
 * collapses later versions and drops rows a changed root deleted.
 */
const HASH_KEY = 100;
let remove = async () => {};
let store: EmbeddedStore;

const live = () =>
  store.query<{ EpisodeId: string; Agent: string; Outcome: string }>(
    'SELECT EpisodeId, Agent, Outcome FROM episodes FINAL ORDER BY EpisodeId',
  );

beforeAll(async () => {
  ({ store, remove } = await storeUpgradedPast(HASH_KEY, async (older) => {
    await older.insert('episodes', [
      row('e1', 'desk', '2026-12-01 10:00:00', '2026-12-01 10:00:01'),
      row('e1', 'desk', '2026-12-01 10:00:00', '2026-12-01 10:00:05', { Outcome: 'failure' }),
      row('e2', 'desk', '2026-12-01 11:00:00', '2026-12-01 11:00:01'),
      // e2's root changed agent: the old key's row deleted, the new one live.
      row('e2', 'desk', '2026-12-01 11:00:00', '2026-12-01 11:00:09', { IsDeleted: 1 }),
      row('e2', 'router', '2026-12-01 11:00:00', '2026-12-01 11:00:09'),
    ]);
  }));
});
afterAll(() => remove());

describe('episodes sorted by agent, start and the id hash', () => {
  it('keeps each live episode once, in its newest version', async () => {
    const [table] = await store.query<{ sorting_key: string }>("SELECT sorting_key FROM system.tables WHERE name = 'episodes'");
    expect(table?.sorting_key).toBe('Agent, StartTime, EpisodeKey');
    expect(await live()).toEqual([
      { EpisodeId: 'e1', Agent: 'desk', Outcome: 'failure' },
      { EpisodeId: 'e2', Agent: 'router', Outcome: 'success' },
    ]);
    expect(await store.query('SELECT count() AS rows FROM episodes')).toEqual([{ rows: '2' }]);
  });

  it('collapses later versions and deleted rows under FINAL, the hash computed on insert', async () => {
    await store.insert('episodes', [
      row('e1', 'desk', '2026-12-01 10:00:00', '2026-12-01 10:01:00', { Outcome: 'escalated' }),
      row('e2', 'router', '2026-12-01 11:00:00', '2026-12-01 11:01:00', { IsDeleted: 1 }),
      row('e2', 'desk', '2026-12-01 11:00:00', '2026-12-01 11:01:00'),
    ]);
    expect(await live()).toEqual([
      { EpisodeId: 'e1', Agent: 'desk', Outcome: 'escalated' },
      { EpisodeId: 'e2', Agent: 'desk', Outcome: 'success' },
    ]);
    const keys = await store.query<{ matches: string }>('SELECT countIf(EpisodeKey = cityHash64(EpisodeId)) AS matches FROM episodes');
    expect(keys).toEqual([{ matches: '5' }]);
  });
});
