import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { otlpJson, startCollectorProcess, type CollectorProcess, type TestSpan } from '@trumpets/collector/testing';
import { EmbeddedStore } from '@trumpets/collector';

export interface FullDiskFigures {
  volume: 'tmpfs' | 'fault seam';
  kills: number;
  acknowledgedSpans: number;
  lostSpans: number;
  duplicatedSpans: number;
  answers: Record<number, number>;
}

const VOLUME_BYTES = 2 * 1024 * 1024;
const SPANS_PER_REQUEST = 50;
const SENDERS = 32;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

function request(n: number): { traceId: string; body: Uint8Array<ArrayBuffer> } {
  const traceId = (n + 1).toString(16).padStart(32, '0');
  const spans: TestSpan[] = Array.from({ length: SPANS_PER_REQUEST }, (_, i) => ({
    traceId,
    spanId: (i + 1).toString(16).padStart(16, '0'),
    name: 'execute_tool lookup',
    attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup', 'gen_ai.tool.call.result': 'x'.repeat(64) },
  }));
  return { traceId, body: new Uint8Array(Buffer.from(JSON.stringify(otlpJson(spans)))) };
}

/**
 * The spool on a 2 MiB volume (a tmpfs where this machine may mount one, the collector's file
 * system fault seam otherwise) under OTLP/JSON load at `spansPerSecond` for `seconds`, the real
 * collector process SIGKILLed `kills` times at even intervals and restarted. Senders retry every
 * request until it is acknowledged, as exporters do. Counts acknowledged spans missing from the
 * store (lost), spans read back more than once (duplicated), and every answer by status.
 */
export async function benchFullDisk(
  options: { seconds: number; spansPerSecond: number; kills: number },
  log: (line: string) => void,
): Promise<FullDiskFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'trumpets-full-disk-'));
  const volume = join(dir, 'volume');
  mkdirSync(volume);
  let mounted = false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${VOLUME_BYTES}`, 'tmpfs', volume], { stdio: 'ignore' });
    mounted = true;
  } catch {
    mounted = false;
  }
  const env = { TRUMPETS_DATA_DIR: join(dir, 'data'), TRUMPETS_SPOOL_DIR: join(volume, 'spool') };
  const seam = {
    TRUMPETS_TEST_VOLUME_FREE: String(VOLUME_BYTES),
    TRUMPETS_TEST_VOLUME_TOTAL: String(VOLUME_BYTES),
    TRUMPETS_TEST_VOLUME_BALLAST: '0',
  };
  const script = fileURLToPath(new URL('../collector/src/testing/collectorOnSmallVolume.ts', import.meta.url));
  const start = () =>
    mounted ? startCollectorProcess(env.TRUMPETS_DATA_DIR, env) : startCollectorProcess(env.TRUMPETS_DATA_DIR, { ...env, ...seam }, script);
  log(
    `full disk: spool on a 2 MiB ${mounted ? 'tmpfs' : 'volume through the fault seam'}, ${options.spansPerSecond.toLocaleString('en')} spans/s of OTLP/JSON for ${options.seconds} s, ${options.kills} SIGKILLs`,
  );

  let collector: CollectorProcess = await start();
  const answers: Record<number, number> = {};
  const acknowledged: string[] = [];
  let loading = true;
  let next = 0;
  const startedAt = Date.now();
  const requestsPerSecond = options.spansPerSecond / SPANS_PER_REQUEST;
  const sender = async () => {
    while (loading) {
      const n = next++;
      await sleep(startedAt + (n / requestsPerSecond) * 1000 - Date.now());
      const { traceId, body } = request(n);
      while (loading) {
        try {
          const response = await fetch(`${collector.url}/v1/traces`, {
            method: 'POST',
            body,
            headers: { 'content-type': 'application/json' },
          });
          await response.arrayBuffer();
          answers[response.status] = (answers[response.status] ?? 0) + 1;
          if (response.status === 200) {
            acknowledged.push(traceId);
            break;
          }
        } catch {
          answers[0] = (answers[0] ?? 0) + 1; // no answer: the process is down
        }
        await sleep(50);
      }
    }
  };
  const load = Promise.all(Array.from({ length: SENDERS }, sender));
  try {
    for (let kill = 1; kill <= options.kills; kill++) {
      await sleep(startedAt + ((kill * options.seconds) / (options.kills + 1)) * 1000 - Date.now());
      collector.child.kill('SIGKILL');
      await once(collector.child, 'exit');
      collector = await start();
    }
    await sleep(startedAt + options.seconds * 1000 - Date.now());
    loading = false;
    await load;
    await collector.stop();

    const store = new EmbeddedStore(env.TRUMPETS_DATA_DIR);
    try {
      const rows = await store.query<{ TraceId: string; spans: string; unique: string }>(
        'SELECT TraceId, count() AS spans, uniqExact(SpanId) AS unique FROM spans FINAL GROUP BY TraceId',
      );
      const stored = new Map(rows.map((row) => [row.TraceId, { spans: Number(row.spans), unique: Number(row.unique) }]));
      let lost = 0;
      for (const traceId of acknowledged) lost += SPANS_PER_REQUEST - Math.min(SPANS_PER_REQUEST, stored.get(traceId)?.unique ?? 0);
      let duplicated = 0;
      for (const { spans, unique } of stored.values()) duplicated += spans - unique;
      const figures: FullDiskFigures = {
        volume: mounted ? 'tmpfs' : 'fault seam',
        kills: options.kills,
        acknowledgedSpans: acknowledged.length * SPANS_PER_REQUEST,
        lostSpans: lost,
        duplicatedSpans: duplicated,
        answers,
      };
      const byStatus = Object.entries(answers)
        .map(([status, count]) => `${status === '0' ? 'no answer' : status}: ${count}`)
        .join(', ');
      log(
        `  ${figures.acknowledgedSpans.toLocaleString('en')} spans acknowledged, ${lost} lost, ${duplicated} duplicated; answers ${byStatus}`,
      );
      return figures;
    } finally {
      await store.close();
    }
  } finally {
    loading = false;
    await load.catch(() => undefined);
    await collector.stop().catch(() => undefined);
    if (mounted) execFileSync('umount', [volume]);
    rmSync(dir, { recursive: true, force: true });
  }
}
