import { traceTool, withEpisode } from '@trumpets/instrumentation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracedCollector, type TracedCollector } from './tracedCollector.ts';

/** Episodes as users write them, through the real collector: the rows are what Grafana will read. */
let collector: TracedCollector;
beforeAll(async () => (collector = await startTracedCollector()));
afterAll(() => collector.close());

class RefundLimitExceeded extends Error {}

const tick = (ms = 1) => new Promise((resolve) => setTimeout(resolve, ms));

describe('tracer → collector: episodes', () => {
  it('nests tools called across await, timers and promise chains under the episode that called them', async () => {
    const checkPolicy = traceTool('check_refund_policy', async (amount: number) => (await tick(), amount <= 200));
    const lookupOrder = traceTool('lookup_order', async (id: string) => {
      await tick();
      // A tool that calls a tool: the inner one is the outer one's child.
      return { id, amount: 120, refundable: await checkPolicy(120) };
    });
    const notify = traceTool('notify_customer', async (text: string) => text.length);

    const episodeId = await collector.traced(() =>
      withEpisode({ agent: 'e2e-nesting', workflow: 'refund', input: 'refund ORD-1' }, async (episode) => {
        const order = await lookupOrder('ORD-1');
        await new Promise<void>((resolve, reject) => setTimeout(() => notify('queued').then(() => resolve(), reject), 2));
        await Promise.resolve(order.id).then((id) => notify(`refund for ${id} is on its way`));
        return episode.episodeId;
      }),
    );

    const [episode] = await collector.query('SELECT Outcome, ToolCallCount, SpanCount FROM episodes FINAL WHERE EpisodeId = {id:String}', {
      id: episodeId,
    });
    expect(episode).toEqual({ Outcome: 'success', ToolCallCount: 4, SpanCount: 5 });
    const tools = await collector.query<{ ToolName: string; SpanId: string; ParentSpanId: string }>(
      'SELECT ToolName, SpanId, ParentSpanId FROM tool_calls FINAL WHERE EpisodeId = {id:String} ORDER BY StartTime',
      { id: episodeId },
    );
    const [root] = await collector.query<{ RootSpanId: string }>('SELECT RootSpanId FROM episodes FINAL WHERE EpisodeId = {id:String}', {
      id: episodeId,
    });
    const lookup = tools.find((tool) => tool.ToolName === 'lookup_order');
    expect(
      tools.map((tool) => [
        tool.ToolName,
        tool.ParentSpanId === root?.RootSpanId ? 'root' : tool.ParentSpanId === lookup?.SpanId ? 'lookup_order' : '?',
      ]),
    ).toEqual([
      ['lookup_order', 'root'],
      ['check_refund_policy', 'lookup_order'],
      ['notify_customer', 'root'],
      ['notify_customer', 'root'],
    ]);
  });

  it("keeps concurrent episodes apart: each one's tools land in its own episode only", async () => {
    const step = traceTool('step', async (owner: string, ms: number) => (await tick(ms), owner), { captureArguments: true });
    const runs = await collector.traced(() =>
      Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          withEpisode({ agent: 'e2e-concurrent', workflow: 'order_status', input: `customer ${n}` }, async (episode) => {
            // Different numbers of steps with different pauses, so the episodes interleave.
            for (let i = 0; i <= n % 4; i++) await step(`customer ${n}`, (n * 7 + i * 3) % 5);
            return { n, episodeId: episode.episodeId };
          }),
        ),
      ),
    );

    const rows = await collector.query<{ EpisodeId: string; Input: string; ToolCallCount: number; owners: string[] }>(
      `SELECT e.EpisodeId AS EpisodeId, e.Input AS Input, e.ToolCallCount AS ToolCallCount, groupUniqArray(JSONExtractString(t.Arguments, 1)) AS owners
       FROM episodes AS e FINAL JOIN tool_calls AS t FINAL ON t.EpisodeId = e.EpisodeId
       WHERE e.Agent = 'e2e-concurrent' GROUP BY EpisodeId, Input, ToolCallCount`,
    );
    expect(rows).toHaveLength(20);
    for (const { n, episodeId } of runs) {
      const row = rows.find((r) => r.EpisodeId === episodeId);
      expect(row).toEqual({ EpisodeId: episodeId, Input: `customer ${n}`, ToolCallCount: (n % 4) + 1, owners: [`customer ${n}`] });
    }
  });

  it('ends an episode whose agent threw as a failure, with the error, and re-throws it unchanged', async () => {
    const error = new RefundLimitExceeded('amount 312.50 exceeds limit 200.00 for order ORD-8812');
    let episodeId = '';
    const thrown = await collector.traced(() =>
      withEpisode({ agent: 'e2e-failing', workflow: 'refund', input: 'refund ORD-8812' }, async (episode) => {
        episodeId = episode.episodeId;
        await tick();
        throw error;
      }).catch((caught: unknown) => caught),
    );

    expect(thrown).toBe(error);
    const [episode] = await collector.query(
      'SELECT Outcome, StatusCode, ErrorType, ErrorMessage FROM episodes FINAL WHERE EpisodeId = {id:String}',
      { id: episodeId },
    );
    expect(episode).toEqual({ Outcome: 'failure', StatusCode: 'ERROR', ErrorType: 'RefundLimitExceeded', ErrorMessage: error.message });
  });
});
