import { afterAll, beforeAll, expect, it } from 'vitest';
import { EmbeddedStore } from '../store/embeddedStore.ts';
import { storeUpgradedPast } from '../testing/storeUpgradedPast.ts';

/**
 * Episodes stored before assembly marked and kept safety flags (migrations 130 and 131) get both
 * from their spans, so clustering still finds their flags; episodes whose spans raised none stay
 * unmarked.
 */
let remove = async () => {};
let store: EmbeddedStore;
const batch = { afterMicros: 0, untilMicros: Date.parse('2027-01-01') * 1000 };
const episode = (id: string) => ({
  EpisodeId: id,
  TraceId: id,
  Agent: 'desk',
  Outcome: 'success',
  StartTime: '2026-11-01 12:00:00',
  EndTime: '2026-11-01 12:00:02',
  AssembledAt: '2026-11-01 12:00:03',
});
const span = (traceId: string, events: string[]) => ({
  TraceId: traceId,
  SpanId: `${traceId}-root`,
  SpanName: 'invoke_agent desk',
  StartTimeUnixNano: '1793534400000000000',
  EndTimeUnixNano: '1793534402000000000',
  'Events.Timestamp': events.map(() => '2026-11-01 12:00:01'),
  'Events.Name': events,
  'Events.Attributes': events.map(() => ({ 'trumpets.safety.kind': 'pii', 'trumpets.safety.detail': 'an email address in the answer' })),
});

beforeAll(async () => {
  ({ store, remove } = await storeUpgradedPast(130, async (older) => {
    await older.insert('episodes', [episode('flagged'), episode('quiet')]);
    await older.insert('spans', [span('flagged', ['trumpets.safety.flag']), span('quiet', ['trumpets.source'])]);
  }));
});
afterAll(() => remove());

it('marks an episode stored before flags were marked from its spans, and clustering reads its flag', async () => {
  const marked = await store.query<{ EpisodeId: string; SafetyFlagged: boolean }>(
    'SELECT EpisodeId, SafetyFlagged FROM episodes FINAL ORDER BY EpisodeId',
  );
  expect(marked).toEqual([
    { EpisodeId: 'flagged', SafetyFlagged: true },
    { EpisodeId: 'quiet', SafetyFlagged: false },
  ]);
  const episodes = await store.named<{ EpisodeId: string; SafetyFlagged: number }>('failure_episodes', batch);
  expect(episodes.map(({ EpisodeId, SafetyFlagged }) => ({ EpisodeId, SafetyFlagged }))).toEqual([
    { EpisodeId: 'flagged', SafetyFlagged: 1 },
  ]);
  const flags = await store.named<{ EpisodeId: string; Kind: string }>('failure_safety_flags', batch);
  expect(flags.map(({ EpisodeId, Kind }) => ({ EpisodeId, Kind }))).toEqual([{ EpisodeId: 'flagged', Kind: 'pii' }]);
});
