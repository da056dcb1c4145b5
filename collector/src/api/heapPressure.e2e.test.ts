import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../store/embeddedStore.ts';
import { startCollectorProcess, type CollectorProcess } from '../testing/collectorProcess.ts';
import { otlpProtobuf, type TestSpan } from '../testing/otlpRequests.ts';

const dir = mkdtempSync(join(tmpdir(), 'trumpets-heap-'));
let collector: CollectorProcess | undefined;
afterAll(async () => {
  await collector?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const traceId = 'abc0'.repeat(8);
const spans: TestSpan[] = Array.from({ length: 20 }, (_, i) => ({
  traceId,
  spanId: (i + 1).toString(16).padStart(16, '0'),
  name: 'execute_tool lookup',
  attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup' },
}));
const post = () =>
  fetch(`${collector!.url}/v1/traces`, {
    method: 'POST',
    body: new Uint8Array(otlpProtobuf(spans)),
    headers: { 'content-type': 'application/x-protobuf' },
  });

describe('JS heap pressure', () => {
  it('answers 503 with Retry-After while the heap is near its limit, and stores the same spans once it has room again', async () => {
    const env = {
      TRUMPETS_DATA_DIR: join(dir, 'data'),
      TRUMPETS_SPOOL_DIR: join(dir, 'spool'),
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=256`.trim(),
      TRUMPETS_HEAP_PRESSURE_PERCENT: '50',
      TRUMPETS_TEST_HEAP_BALLAST_PERCENT: '60',
      TRUMPETS_RETRY_AFTER_SECONDS: '2',
    };
    const script = fileURLToPath(new URL('../testing/collectorUnderHeapPressure.ts', import.meta.url));
    collector = await startCollectorProcess(env.TRUMPETS_DATA_DIR, env, script);

    const refused = await post();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.headers.get('content-type')).toMatch(/^application\/x-protobuf/);
    await refused.arrayBuffer();
    expect(collector.logs.some((entry) => entry.msg === 'JS heap near its limit: refusing OTLP requests')).toBe(true);
    const metrics = await (await fetch(`${collector.url}/metrics`)).text();
    expect(metrics).toMatch(/^trumpets_otlp_requests_total\{status="503"\} 1$/m);

    collector.child.kill('SIGUSR2');
    while (!collector.logs.some((entry) => entry.msg === 'heap ballast released')) await sleep(20);
    // The exporter's retry of the same request.
    const accepted = await post();
    expect(accepted.status).toBe(200);
    await accepted.arrayBuffer();
    expect(await collector.stop()).toBe(0);

    const store = new EmbeddedStore(env.TRUMPETS_DATA_DIR);
    try {
      const rows = await store.query<{ spans: string }>('SELECT count() AS spans FROM spans FINAL WHERE TraceId = {traceId:String}', {
        traceId,
      });
      expect(Number(rows[0]?.spans)).toBe(spans.length);
    } finally {
      await store.close();
    }
  });
});
