import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../store/embeddedStore.ts';
import { startCollectorProcess, type CollectorProcess } from '../testing/collectorProcess.ts';
import { otlpProtobuf, type TestSpan } from '../testing/otlpRequests.ts';

/**
 * The real collector process under steady OTLP load is killed with SIGKILL several times at
 * random moments and restarted on the same spool and data directories. Like a standard exporter,
 * the load generator retries a request until it is acknowledged. At the end every acknowledged
 * span must be in the store exactly once. Kills come after a random number of acknowledged
 * requests, not after a time, so a slow machine changes how long the test takes, not what it tests.
 */
const KILLS = 3;
const SENDERS = 4;
const SPANS_PER_REQUEST = 50;
const MAX_REQUESTS = 4000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the collector's spool holds nothing: every spooled span is in the store. */
async function spoolDrained(collector: CollectorProcess): Promise<void> {
  for (;;) {
    const metrics = await (await fetch(`${collector.url}/metrics`)).text();
    if (/^trumpets_spool_bytes 0$/m.test(metrics)) return;
    await sleep(100);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'trumpets-crash-'));
const env = { TRUMPETS_DATA_DIR: join(dir, 'data'), TRUMPETS_SPOOL_DIR: join(dir, 'spool') };
let collector: CollectorProcess;
afterAll(async () => {
  await collector?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function makeRequest(n: number): { body: Uint8Array<ArrayBuffer>; keys: string[] } {
  const traceId = (n + 1).toString(16).padStart(32, '0');
  const spans: TestSpan[] = Array.from({ length: SPANS_PER_REQUEST }, (_, i) => ({
    traceId,
    spanId: (i + 1).toString(16).padStart(16, '0'),
    name: 'execute_tool lookup',
    attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup' },
  }));
  return { body: new Uint8Array(otlpProtobuf(spans)), keys: spans.map((span) => `${span.traceId}:${span.spanId}`) };
}

describe('crash recovery', () => {
  it('keeps every acknowledged span exactly once across repeated SIGKILLs under load', async () => {
    collector = await startCollectorProcess(env.TRUMPETS_DATA_DIR, env);
    const acknowledged = new Set<string>();
    let acknowledgedRequests = 0;
    const moreAcknowledged = async (requests: number) => {
      const target = acknowledgedRequests + requests;
      while (acknowledgedRequests < target && nextRequest < MAX_REQUESTS) await sleep(10);
    };
    let nextRequest = 0;
    let loading = true;
    let failedAttempts = 0;

    const sender = async () => {
      while (loading && nextRequest < MAX_REQUESTS) {
        const request = makeRequest(nextRequest++);
        // Retry until acknowledged, as OTLP exporters do for refused connections and 503s.
        while (loading) {
          try {
            const response = await fetch(`${collector.url}/v1/traces`, {
              method: 'POST',
              body: request.body,
              headers: { 'content-type': 'application/x-protobuf' },
            });
            await response.arrayBuffer();
            if (response.status === 200) {
              for (const key of request.keys) acknowledged.add(key);
              acknowledgedRequests += 1;
              break;
            }
          } catch {
            failedAttempts++;
          }
          await sleep(20);
        }
      }
    };
    const load = Promise.all(Array.from({ length: SENDERS }, sender));

    for (let kill = 0; kill < KILLS; kill++) {
      await moreAcknowledged(10 + Math.floor(Math.random() * 40));
      collector.child.kill('SIGKILL');
      await new Promise((resolve) => collector.child.once('exit', resolve));
      collector = await startCollectorProcess(env.TRUMPETS_DATA_DIR, env);
    }
    await moreAcknowledged(20);
    loading = false;
    await load;
    expect(await collector.stop()).toBe(0);
    // A graceful stop does not wait out a store that refuses writes for a moment (it keeps the
    // rest spooled for the next start), so the oracle reads the store once a restart has drained it.
    collector = await startCollectorProcess(env.TRUMPETS_DATA_DIR, env);
    await spoolDrained(collector);
    expect(await collector.stop()).toBe(0);

    const store = new EmbeddedStore(env.TRUMPETS_DATA_DIR);
    try {
      const rows = await store.query<{ key: string; copies: string }>(
        "SELECT concat(TraceId, ':', SpanId) AS key, count() AS copies FROM spans FINAL GROUP BY key",
      );
      const stored = new Map(rows.map((row) => [row.key, Number(row.copies)]));
      const lost = [...acknowledged].filter((key) => !stored.has(key)).length;
      const duplicated = rows.filter((row) => Number(row.copies) > 1).length;
      console.log(
        `crash test: ${KILLS} SIGKILLs, ${acknowledged.size} spans acknowledged, ${stored.size} stored, lost ${lost}, duplicated ${duplicated}, ${failedAttempts} failed attempts retried`,
      );
      expect(acknowledged.size).toBeGreaterThan(KILLS * SPANS_PER_REQUEST);
      expect(lost).toBe(0);
      expect(duplicated).toBe(0);
    } finally {
      await store.close();
    }
  });
});
