import { afterEach, describe, expect, it } from 'vitest';
import { otlpJson, randomHexId } from '../testing/otlpRequests.ts';
import { startInProcessCollector, type InProcessCollector } from '../testing/inProcessCollector.ts';

/** TRUMPETS_ROLES decides what a collector serves; health and metrics are always there. */
describe('collector roles', () => {
  let running: InProcessCollector | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  const body = () => JSON.stringify(otlpJson([{ traceId: randomHexId(16), spanId: randomHexId(8), name: 'invoke_agent roles' }]));

  it('an ingest-only collector takes OTLP and has no API', async () => {
    running = await startInProcessCollector({ roles: ['ingest'] });
    expect((await running.post(body(), { 'content-type': 'application/json' })).status).toBe(200);
    expect((await running.request('/api/failure-modes')).status).toBe(404);
    expect((await running.request('/readyz')).status).toBe(200);
    expect((await running.request('/metrics')).status).toBe(200);
  });

  it('an api-only collector serves the API and no OTLP', async () => {
    running = await startInProcessCollector({ roles: ['api'] });
    expect((await running.request('/api/failure-modes')).status).toBe(200);
    expect((await running.post(body(), { 'content-type': 'application/json' })).status).toBe(404);
    expect(running.collector.jobs.held()).toEqual([]);
  });

  it('runs the once-per-store jobs only with the worker role', async () => {
    running = await startInProcessCollector({ roles: ['ingest', 'api', 'worker'], proposalDrafting: { intervalMs: 60_000 } });
    expect(running.collector.jobs.held()).toEqual(['failure-clustering', 'rollout-watch', 'partition-compaction', 'proposal-drafting']);
  });
});
