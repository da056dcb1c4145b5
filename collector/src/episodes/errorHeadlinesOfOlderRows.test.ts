import { afterAll, beforeAll, expect, it } from 'vitest';
import { EmbeddedStore } from '../store/embeddedStore.ts';
import { storeUpgradedPast } from '../testing/storeUpgradedPast.ts';

/**
 * Episodes and tool calls assembled before error headlines were stored: after the migrations they
 * are clustered by the start of their message, and rows assembled since keep their own headline.
 */
let remove = async () => {};
let store: EmbeddedStore;
const STACK = 'CarrierTimeout: carrier did not answer\n    at track (carrier.ts:12:5)';
const batch = { afterMicros: 0, untilMicros: Date.parse('2027-01-01') * 1000 };

beforeAll(async () => {
  ({ store, remove } = await storeUpgradedPast(100, async (before) => {
    const older = { StartTime: '2026-11-01 12:00:00', AssembledAt: '2026-11-01 12:00:01' };
    await before.insert('episodes', [
      { EpisodeId: 'old', TraceId: 'old', Agent: 'desk', Outcome: 'failure', ErrorMessage: STACK, EndTime: older.StartTime, ...older },
    ]);
    await before.insert('tool_calls', [
      { EpisodeId: 'old', SpanId: 's1', ToolName: 'track', Status: 'error', ErrorMessage: STACK, ...older },
    ]);
  }));
  await store.insert('episodes', [
    {
      EpisodeId: 'new',
      TraceId: 'new',
      Agent: 'desk',
      Outcome: 'failure',
      ErrorMessage: STACK,
      ErrorHeadline: 'CarrierTimeout: carrier did not answer',
      StartTime: '2026-12-01 12:00:00',
      EndTime: '2026-12-01 12:00:00',
      AssembledAt: '2026-12-01 12:00:01',
    },
  ]);
});
afterAll(() => remove());

it('gives episodes assembled before headlines were stored the start of their message', async () => {
  const rows = await store.named<{ EpisodeId: string; ErrorMessage: string }>('failure_episodes', batch);
  expect(
    rows.map(({ EpisodeId, ErrorMessage }) => ({ EpisodeId, ErrorMessage })).sort((a, b) => a.EpisodeId.localeCompare(b.EpisodeId)),
  ).toEqual([
    { EpisodeId: 'new', ErrorMessage: 'CarrierTimeout: carrier did not answer' },
    { EpisodeId: 'old', ErrorMessage: STACK },
  ]);
});

it('does the same for their failed tool calls', async () => {
  const rows = await store.named<{ SpanId: string; ErrorMessage: string; ToolErrorAsEpisode: number; ToolErrorMessage: string }>(
    'failure_episodes',
    batch,
  );
  // A call's headline is sent once when it is its episode's.
  const calls = rows.filter(({ SpanId }) => SpanId !== '');
  expect(calls.map((row) => ({ SpanId: row.SpanId, headline: row.ToolErrorAsEpisode ? row.ErrorMessage : row.ToolErrorMessage }))).toEqual([
    { SpanId: 's1', headline: STACK },
  ]);
});
