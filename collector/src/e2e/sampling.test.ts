import { recordCorrection, traceTool, withEpisode } from '@trumpets/instrumentation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracedCollector, type TracedCollector } from './tracedCollector.ts';

let collector: TracedCollector;
beforeAll(async () => (collector = await startTracedCollector()));
afterAll(() => collector.close());

const lookup = traceTool('lookup_order', async (id: string) => ({ id }));
const refund = traceTool('issue_refund', async (amount: number) => {
  if (amount > 200) throw new RangeError(`amount ${amount} exceeds limit 200`);
  return 'RF-1';
});

type Kind = 'success' | 'failure' | 'escalated' | 'corrected';

/** One episode of each kind the sampler tells apart; two tools each, so "whole" is checkable. */
function episode(kind: Kind, n: number): Promise<{ kind: Kind; id: string }> {
  let id = '';
  return withEpisode({ agent: 'e2e-sampling', workflow: 'refund', input: `${kind} ${n}` }, async (ep) => {
    id = ep.episodeId;
    await lookup(`ORD-${n}`);
    await refund(kind === 'failure' ? 500 : 50);
    if (kind === 'escalated') ep.escalate('customer asked for a person');
    return { kind, id };
  }).catch(() => ({ kind, id }));
}

describe('tracer → collector: outcome-aware sampling', () => {
  it('stores every failed, escalated and corrected episode whole, and successes at the configured rate', async () => {
    const successRate = 0.25;
    const sent = await collector.traced(
      async () => {
        const episodes: Array<{ kind: Kind; id: string }> = [];
        for (let n = 0; n < 400; n++) episodes.push(await episode('success', n));
        for (let n = 0; n < 40; n++) episodes.push(await episode('failure', n));
        for (let n = 0; n < 20; n++) episodes.push(await episode('escalated', n));
        for (let n = 0; n < 10; n++) {
          const corrected = await episode('corrected', n);
          // The review comes in after the episode ended, while the sampler still holds it.
          recordCorrection(corrected.id, { correctedOutput: 'ask first', reason: 'refund without approval', author: 'reviewer-7' });
          episodes.push(corrected);
        }
        return episodes;
      },
      { sampling: { successRate } },
    );

    const stored = await collector.query<{ EpisodeId: string; SpanCount: number; Outcome: string }>(
      "SELECT EpisodeId, SpanCount, Outcome FROM episodes FINAL WHERE Agent = 'e2e-sampling'",
    );
    const storedIds = new Set(stored.map((row) => row.EpisodeId));
    const idsOf = (kind: Kind) => sent.filter((e) => e.kind === kind).map((e) => e.id);
    for (const kind of ['failure', 'escalated', 'corrected'] as const) expect(idsOf(kind).every((id) => storedIds.has(id))).toBe(true);

    const keptSuccesses = idsOf('success').filter((id) => storedIds.has(id)).length;
    // 400 draws at 0.25: mean 100, standard deviation 8.7; these bounds are 4.5 deviations out.
    expect(keptSuccesses).toBeGreaterThanOrEqual(61);
    expect(keptSuccesses).toBeLessThanOrEqual(139);
    expect(stored).toHaveLength(keptSuccesses + 40 + 20 + 10);
    // Whole: every stored episode has its root and both tools, none lost a span to sampling.
    expect(stored.every((row) => row.SpanCount === 3)).toBe(true);
    const [sampledSpans] = await collector.query<{ n: string }>(
      `SELECT count() AS n FROM spans FINAL WHERE TraceId IN (SELECT EpisodeId FROM episodes FINAL WHERE Agent = 'e2e-sampling')`,
    );
    expect(Number(sampledSpans?.n)).toBe(stored.length * 3);
    // …and a dropped episode left nothing behind.
    const dropped = idsOf('success').filter((id) => !storedIds.has(id));
    const [strays] = await collector.query<{ n: string }>('SELECT count() AS n FROM spans FINAL WHERE TraceId IN {ids:Array(String)}', {
      ids: dropped,
    });
    expect(Number(strays?.n)).toBe(0);
  });
});
