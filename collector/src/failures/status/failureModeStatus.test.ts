import { describe, expect, it } from 'vitest';
import { failureModeStatus, type WindowCounts } from './failureModeStatus.ts';

const DAY = 24 * 3600_000;
const now = Date.UTC(2026, 10, 25);
const options = { nowMs: now, newWithinMs: DAY };
const old = now - 30 * DAY;
const counts = (recent: number, previous: number, recentEpisodes = 1000, previousEpisodes = 1000): WindowCounts => ({
  recent,
  previous,
  recentEpisodes,
  previousEpisodes,
});

describe('failureModeStatus', () => {
  it('flags a mode whose rate triples as growing, and one whose rate is flat as not', () => {
    expect(failureModeStatus(old, 40, counts(30, 10), options).status).toBe('growing');
    expect(failureModeStatus(old, 20, counts(10, 10), options).status).toBe('steady');
  });

  it('does not flag growth that only follows traffic', () => {
    expect(failureModeStatus(old, 40, counts(30, 10, 3000, 1000), options).status).toBe('steady');
  });

  it('needs significance, not a ratio: tripling from 1 to 3 is not growth', () => {
    expect(failureModeStatus(old, 4, counts(3, 1), options).status).toBe('steady');
  });

  it('calls a mode first seen within the window new, once it has enough failures', () => {
    expect(failureModeStatus(now - 3600_000, 6, counts(6, 0), options).status).toBe('new');
    expect(failureModeStatus(now - 3600_000, 2, counts(2, 0), options).status).toBe('steady');
  });

  it('calls a mode fading when its rate dropped significantly or it went quiet', () => {
    expect(failureModeStatus(old, 42, counts(2, 40), options).status).toBe('fading');
    expect(failureModeStatus(old, 0, counts(0, 0), options).status).toBe('fading');
  });

  it('falls back to equal windows when episode counts are unknown', () => {
    expect(failureModeStatus(old, 40, counts(30, 10, 0, 0), options).status).toBe('growing');
  });
});
