import { afterAll, beforeAll, expect, it } from 'vitest';
import { EmbeddedStore } from '../store/embeddedStore.ts';
import { storeUpgradedPast } from '../testing/storeUpgradedPast.ts';

/**
 * Escalated episodes stored before the reason had a column of its own (migration 125) keep being
 * clustered by their reason, and so are episodes assembled since, with the reason only among the
 * root's attributes as assembly writes it.
 */
let remove = async () => {};
let store: EmbeddedStore;
const batch = { afterMicros: 0, untilMicros: Date.parse('2027-01-01') * 1000 };
const escalated = (id: string, day: string, reason: string) => ({
  EpisodeId: id,
  TraceId: id,
  Agent: 'desk',
  Outcome: 'escalated',
  Attributes: { 'trumpets.escalation.reason': reason, 'input.value': 'a long prompt the reader never needs' },
  StartTime: `${day} 12:00:00`,
  EndTime: `${day} 12:00:00`,
  AssembledAt: `${day} 12:00:01`,
});

beforeAll(async () => {
  ({ store, remove } = await storeUpgradedPast(125, async (older) => {
    await older.insert('episodes', [escalated('old', '2026-11-01', 'customer asked for a manager')]);
  }));
  await store.insert('episodes', [escalated('new', '2026-12-01', 'refund above the limit')]);
});
afterAll(() => remove());

it('reads the escalation reason of episodes stored before and after it had a column', async () => {
  const rows = await store.named<{ EpisodeId: string; EscalationReason: string; NeedsOutput: number }>('failure_episodes', batch);
  expect(
    rows
      .map(({ EpisodeId, EscalationReason, NeedsOutput }) => ({ EpisodeId, EscalationReason, NeedsOutput }))
      .sort((a, b) => a.EpisodeId.localeCompare(b.EpisodeId)),
  ).toEqual([
    { EpisodeId: 'new', EscalationReason: 'refund above the limit', NeedsOutput: 0 },
    { EpisodeId: 'old', EscalationReason: 'customer asked for a manager', NeedsOutput: 0 },
  ]);
});
