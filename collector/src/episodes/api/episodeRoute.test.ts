import { recordSource, setup, traceTool, withEpisode, type TrumpetsHandle } from '@trumpets/instrumentation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessCollector, TEST_TOKEN, type InProcessCollector } from '../../testing/inProcessCollector.ts';

let harness: InProcessCollector;
let tracing: TrumpetsHandle;

beforeAll(async () => {
  harness = await startInProcessCollector();
  tracing = setup({
    serviceName: 'support-bot',
    endpoint: `${harness.collector.url}/v1/traces`,
    headers: { authorization: `Bearer ${TEST_TOKEN}` },
    flushOnExit: false,
  });
});
afterAll(async () => {
  await tracing?.shutdown();
  await harness?.close();
});

const lookup = traceTool('lookup_order', async (order: number) => {
  if (order > 100) throw new Error(`order ${order} not found`);
  return { order };
});

describe('GET /api/episodes/:id', () => {
  it('answers one episode with its tool calls in order and the sources it read', async () => {
    let episodeId = '';
    await withEpisode({ agent: 'support', version: 'v3', workflow: 'orders', input: 'where is order 7?' }, async (episode) => {
      episodeId = episode.episodeId;
      await lookup(7);
      await lookup(700).catch(() => undefined);
      recordSource({ id: 'kb-1', uri: 'kb://shipping/delays', tag: 'policy', score: 0.8 });
      episode.setOutput('order 7 ships tomorrow');
    });
    await tracing.forceFlush();
    await harness.collector.settle();

    const response = await harness.request(`/api/episodes/${episodeId}`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      episodeId,
      agent: 'support',
      version: 'v3',
      workflow: 'orders',
      outcome: 'success',
      input: 'where is order 7?',
      output: 'order 7 ships tomorrow',
    });
    expect(
      body.tools.map((tool: { name: string; status: string; errorMessage: string }) => [tool.name, tool.status, tool.errorMessage]),
    ).toEqual([
      ['lookup_order', 'ok', ''],
      ['lookup_order', 'error', 'order 700 not found'],
    ]);
    expect(body.sources).toEqual([{ uri: 'kb://shipping/delays', tag: 'policy', score: 0.8, origin: expect.any(String) }]);
  });

  it('says 404 for an unknown episode and 400 for an id that cannot be one', async () => {
    const unknown = await harness.request(`/api/episodes/${'a'.repeat(32)}`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).message).toBe(`no episode ${'a'.repeat(32)}`);
    const bad = await harness.request('/api/episodes/not-an-id');
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/not 32 hex digits/);
  });
});
