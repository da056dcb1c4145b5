import { afterEach, describe, expect, it } from 'vitest';
import { startInProcessCollector, type InProcessCollector } from '../testing/inProcessCollector.ts';
import { otlpJson, randomHexId, type TestSpan } from '../testing/otlpRequests.ts';

let harness: InProcessCollector | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function request(spanCount: number): { traceId: string; body: string } {
  const traceId = randomHexId(16);
  const spans: TestSpan[] = Array.from({ length: spanCount }, () => ({
    traceId,
    spanId: randomHexId(8),
    name: 'execute_tool lookup',
    attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup', padding: 'x'.repeat(200) },
  }));
  return { traceId, body: JSON.stringify(otlpJson(spans)) };
}

async function storedCount(h: InProcessCollector, traceIds: string[]): Promise<number> {
  const [row] = await h.store.query<{ n: string }>('SELECT count() AS n FROM spans FINAL WHERE TraceId IN {ids:Array(String)}', {
    ids: traceIds,
  });
  return Number(row?.n);
}

describe('store outage', () => {
  it('with the spool, keeps acknowledging while the store is down, answers 503 with Retry-After past the budget, and stores everything acknowledged exactly once afterwards', async () => {
    const h = (harness = await startInProcessCollector({ retryAfterSeconds: 3, spool: { maxBytes: 200_000 } }));
    h.store.refuseWrites('disk full (injected)');
    const acknowledged: string[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 200 && !refused; i++) {
      const { traceId, body } = request(20);
      const response = await h.post(body, { 'content-type': 'application/json' });
      if (response.status === 200) acknowledged.push(traceId);
      else refused = response;
    }
    expect(acknowledged.length).toBeGreaterThan(5);
    expect(refused?.status).toBe(503);
    expect(refused?.headers.get('retry-after')).toBe('3');
    expect((await h.request('/readyz')).status).toBe(503);
    expect(await storedCount(h, acknowledged)).toBe(0);

    h.store.refuseWrites(undefined);
    await h.collector.settle();
    expect(await storedCount(h, acknowledged)).toBe(acknowledged.length * 20);
    expect((await h.request('/readyz')).status).toBe(200);
  });

  it('without the spool, answers 503 with Retry-After at once and stores the retry once the store heals', async () => {
    const h = (harness = await startInProcessCollector({ retryAfterSeconds: 7, spool: { enabled: false } }));
    const { traceId, body } = request(3);
    h.store.refuseWrites('disk full (injected)');
    const refused = await h.post(body, { 'content-type': 'application/json' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('7');
    h.store.refuseWrites(undefined);
    expect((await h.post(body, { 'content-type': 'application/json' })).status).toBe(200);
    expect(await storedCount(h, [traceId])).toBe(3);
  });

  it('answers 500 without Retry-After for a store error that retrying cannot fix, and stores what comes after', async () => {
    const h = (harness = await startInProcessCollector({ spool: { enabled: false } }));
    h.store.refuseWrites('Code: 53. Type mismatch (injected)', { retryable: false });
    const refused = await h.post(request(2).body, { 'content-type': 'application/json' });
    expect(refused.status).toBe(500);
    expect(refused.headers.get('retry-after')).toBeNull();
    expect(await refused.json()).toEqual({ code: 13, message: 'the store could not write these spans' });
    h.store.refuseWrites(undefined);
    const next = request(2);
    expect((await h.post(next.body, { 'content-type': 'application/json' })).status).toBe(200);
    expect(await storedCount(h, [next.traceId])).toBe(2);
  });
});
