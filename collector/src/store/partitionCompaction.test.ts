import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from './embeddedStore.ts';
import { runMigrations } from './migrations.ts';
import { compactClosedEpisodePartitions } from './partitionCompaction.ts';
import { storedEpisodeRow as row } from '../testing/storedEpisodeRow.ts';

let dir = '';
let store: EmbeddedStore;

const partsByDay = async () =>
  Object.fromEntries(
    (
      await store.query<{ day: string; parts: string }>(
        "SELECT partition AS day, count() AS parts FROM system.parts WHERE database = currentDatabase() AND table = 'episodes' AND active GROUP BY day",
      )
    ).map(({ day, parts }) => [day, Number(parts)]),
  );

/** What the panels show: episodes and successes per agent and day, read with FINAL. */
const perAgentAndDay = () =>
  store.named<{ group: string; time: string; episodes: string; successes: string }>('episode_metrics', {
    agents: [],
    versions: [],
    releases: [],
    workflows: [],
    fromMs: Date.UTC(2026, 10, 1),
    toMs: Date.UTC(2026, 10, 3),
    intervalMs: 86_400_000,
    groupBy: 'agent',
  });

const at = (iso: string) => Date.parse(iso);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trumpets-compaction-'));
  store = new EmbeddedStore(dir);
  await runMigrations(store);
  // 1 November, in three inserts as ingest leaves them: a re-assembly, and e2's root changing agent.
  await store.insert('episodes', [
    row('e1', 'desk', '2026-11-01 10:00:00', '2026-11-01 10:00:01'),
    row('e2', 'router', '2026-11-01 11:00:00', '2026-11-01 11:00:01'),
  ]);
  await store.insert('episodes', [row('e1', 'desk', '2026-11-01 10:00:00', '2026-11-01 10:00:05', { Outcome: 'failure' })]);
  await store.insert('episodes', [
    row('e2', 'router', '2026-11-01 11:00:00', '2026-11-01 11:00:09', { IsDeleted: 1 }),
    row('e2', 'desk', '2026-11-01 11:00:00', '2026-11-01 11:00:09'),
  ]);
  // 2 November, still open.
  await store.insert('episodes', [row('e3', 'desk', '2026-11-02 09:00:00', '2026-11-02 09:00:01')]);
  await store.insert('episodes', [row('e3', 'desk', '2026-11-02 09:00:00', '2026-11-02 09:00:04', { Outcome: 'escalated' })]);
});
afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('compacting closed episode partitions', () => {
  it('leaves a day alone until an hour after it ends', async () => {
    expect(await compactClosedEpisodePartitions(store, { nowMs: at('2026-11-02T00:30:00Z') })).toEqual([]);
    expect(await partsByDay()).toEqual({ '2026-11-01': 3, '2026-11-02': 2 });
  });

  it('merges a closed day into one part, the panels showing the same live episodes', async () => {
    const before = await perAgentAndDay();
    expect(before.map(({ group, episodes, successes }) => [group, episodes, successes])).toEqual([
      ['desk', '2', '1'],
      ['desk', '1', '0'],
    ]);
    expect(await compactClosedEpisodePartitions(store, { nowMs: at('2026-11-02T12:00:00Z') })).toEqual([
      { day: '2026-11-01', parts: 3, rows: 5 },
    ]);
    expect(await partsByDay()).toEqual({ '2026-11-01': 1, '2026-11-02': 2 });
    expect(await perAgentAndDay()).toEqual(before);
    expect(await compactClosedEpisodePartitions(store, { nowMs: at('2026-11-02T12:00:00Z') })).toEqual([]);
  });

  it('merges a compacted day again after a late re-assembly, the newest version winning', async () => {
    await store.insert('episodes', [row('e1', 'desk', '2026-11-01 10:00:00', '2026-11-02 13:00:00')]);
    expect(await compactClosedEpisodePartitions(store, { nowMs: at('2026-11-02T14:00:00Z') })).toEqual([
      { day: '2026-11-01', parts: 2, rows: 4 },
    ]);
    expect(await partsByDay()).toEqual({ '2026-11-01': 1, '2026-11-02': 2 });
    const [day1] = await perAgentAndDay();
    expect([day1?.episodes, day1?.successes]).toEqual(['2', '2']);
  });
});
