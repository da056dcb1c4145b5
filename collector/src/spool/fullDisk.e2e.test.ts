import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../store/embeddedStore.ts';
import { startCollectorProcess, type CollectorProcess } from '../testing/collectorProcess.ts';
import { otlpJson, otlpProtobuf, type TestSpan } from '../testing/otlpRequests.ts';

/**
 * The real collector process with its spool on a 2 MiB volume that is nearly full when the load
 * starts (another program's file takes most of it) and gets room once that file is deleted. Like
 * a standard exporter, each sender retries a request until it is acknowledged. A tmpfs is mounted
 * where the machine allows it; elsewhere the collector's spool writes through the fault seam.
 */
const VOLUME_BYTES = 2 * 1024 * 1024;
const BALLAST_BYTES = 1900 * 1024;
const REQUESTS = 60;
const SENDERS = 4;
const SPANS_PER_REQUEST = 100;

const dir = mkdtempSync(join(tmpdir(), 'trumpets-full-disk-'));
const volume = join(dir, 'volume');
mkdirSync(volume);
const mounted = tryMountTmpfs(volume);
let collector: CollectorProcess | undefined;
afterAll(async () => {
  await collector?.stop();
  if (mounted) execFileSync('umount', [volume]);
  rmSync(dir, { recursive: true, force: true });
});

function tryMountTmpfs(at: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${VOLUME_BYTES}`, 'tmpfs', at], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function makeRequest(n: number): { body: Uint8Array<ArrayBuffer>; contentType: string; keys: string[] } {
  const traceId = (n + 1).toString(16).padStart(32, '0');
  const spans: TestSpan[] = Array.from({ length: SPANS_PER_REQUEST }, (_, i) => ({
    traceId,
    spanId: (i + 1).toString(16).padStart(16, '0'),
    name: 'execute_tool lookup',
    attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup', padding: 'x'.repeat(300) },
  }));
  const keys = spans.map((span) => `${span.traceId}:${span.spanId}`);
  // Half the requests in each encoding: a refusal must answer in the encoding it was asked in.
  return n % 2 === 0
    ? { body: new Uint8Array(otlpProtobuf(spans)), contentType: 'application/x-protobuf', keys }
    : { body: new Uint8Array(Buffer.from(JSON.stringify(otlpJson(spans)))), contentType: 'application/json', keys };
}

describe('spool on a volume that runs out of space', () => {
  it('answers 503 with Retry-After in the request encoding while the disk is full, and stores every acknowledged span exactly once', async () => {
    const spoolDir = join(volume, 'spool');
    const env = { TRUMPETS_DATA_DIR: join(dir, 'data'), TRUMPETS_SPOOL_DIR: spoolDir, TRUMPETS_RETRY_AFTER_SECONDS: '1' };
    if (mounted) {
      writeFileSync(join(volume, 'ballast'), Buffer.alloc(BALLAST_BYTES));
      collector = await startCollectorProcess(env.TRUMPETS_DATA_DIR, env);
    } else {
      const script = fileURLToPath(new URL('../testing/collectorOnSmallVolume.ts', import.meta.url));
      const fake = {
        TRUMPETS_TEST_VOLUME_FREE: String(VOLUME_BYTES - BALLAST_BYTES),
        TRUMPETS_TEST_VOLUME_TOTAL: String(VOLUME_BYTES),
        TRUMPETS_TEST_VOLUME_BALLAST: String(BALLAST_BYTES),
      };
      collector = await startCollectorProcess(env.TRUMPETS_DATA_DIR, { ...env, ...fake }, script);
    }
    const running = collector;
    const freeTheVolume = () => (mounted ? rmSync(join(volume, 'ballast')) : running.child.kill('SIGUSR2'));

    const acknowledged = new Set<string>();
    const statuses = new Map<number, number>();
    const badRefusals: string[] = [];
    let refused = 0;
    let freed = false;
    let next = 0;
    const sender = async () => {
      while (next < REQUESTS) {
        const request = makeRequest(next++);
        for (;;) {
          const response = await fetch(`${running.url}/v1/traces`, {
            method: 'POST',
            body: request.body,
            headers: { 'content-type': request.contentType },
          });
          const body = await response.arrayBuffer();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status === 200) {
            for (const key of request.keys) acknowledged.add(key);
            break;
          }
          if (response.status === 503) {
            refused += 1;
            if (response.headers.get('retry-after') !== '1' || !response.headers.get('content-type')?.startsWith(request.contentType))
              badRefusals.push(`${response.headers.get('content-type')} retry-after=${response.headers.get('retry-after')}`);
            if (body.byteLength === 0) badRefusals.push('empty body');
          }
          if (refused >= 10 && !freed) {
            freed = true;
            freeTheVolume();
          }
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    };
    await Promise.all(Array.from({ length: SENDERS }, sender));
    expect(await running.stop()).toBe(0);

    expect([...statuses.keys()].sort()).toEqual([200, 503]);
    expect(badRefusals).toEqual([]);
    expect(acknowledged.size).toBe(REQUESTS * SPANS_PER_REQUEST);
    const store = new EmbeddedStore(env.TRUMPETS_DATA_DIR);
    try {
      const [row] = await store.query<{ rows: string; unique: string }>(
        "SELECT count() AS rows, uniqExact(TraceId, SpanId) AS unique FROM spans WHERE SpanName = 'execute_tool lookup'",
      );
      expect(Number(row!.unique)).toBe(acknowledged.size);
      expect(Number(row!.rows)).toBe(acknowledged.size);
    } finally {
      await store.close();
    }
  });
});
