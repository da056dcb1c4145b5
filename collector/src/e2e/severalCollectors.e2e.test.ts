import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup } from '@trumpets/instrumentation';
import { runSampleAgent } from '@trumpets/instrumentation/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ServerStore } from '../store/serverStore.ts';
import { startClickHouseServerStandIn, type ClickHouseServerStandIn } from '../testing/clickHouseServerStandInProcess.ts';
import { startCollectorProcess, type CollectorProcess } from '../testing/collectorProcess.ts';

const LEASE_SECONDS = 2;
const JOB = 'failure-clustering';

/**
 * Two collectors with the worker role on one ClickHouse server (the stand-in): exactly one runs
 * failure clustering while both ingest; when it is killed, the other takes the job over once the
 * lease runs out. Timing is judged on the store's own clock (the lease rows), never on a test timer.
 */
let dir: string;
let server: ClickHouseServerStandIn;
let store: ServerStore;
let first: CollectorProcess;
let second: CollectorProcess;

const env = () => ({
  CLICKHOUSE_URL: server.url,
  CLICKHOUSE_USER: server.username,
  CLICKHOUSE_PASSWORD: server.password,
  TRUMPETS_WORKER_LEASE_SECONDS: String(LEASE_SECONDS),
  TRUMPETS_FAILURE_CLUSTERING_INTERVAL_MS: '200',
});
const holderOf = (collector: CollectorProcess) =>
  collector.logs.find((entry) => entry.msg === 'job lease taken: running the job here' && entry.job === JOB)?.holder as string | undefined;
const clustered = (collector: CollectorProcess) => collector.logs.filter((entry) => entry.msg === 'failures clustered').length;

async function sendEpisodes(collector: CollectorProcess, seed: number): Promise<number> {
  const tracing = setup({ serviceName: `several-${seed}`, endpoint: `${collector.url}/v1/traces` });
  try {
    return (await runSampleAgent({ episodes: 15, seed })).failures;
  } finally {
    await tracing.shutdown();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trumpets-several-'));
  server = await startClickHouseServerStandIn({ dataDir: join(dir, 'clickhouse') });
  store = new ServerStore({ url: server.url, username: server.username, password: server.password, database: 'default' });
  first = await startCollectorProcess(join(dir, 'first'), env());
  await vi.waitFor(() => expect(holderOf(first)).toBeDefined(), { timeout: 30_000 });
  second = await startCollectorProcess(join(dir, 'second'), env());
});
afterAll(async () => {
  await first?.stop();
  await second?.stop();
  await store?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('several collectors on one store', () => {
  it('runs failure clustering on one of them only, the other waiting and saying who holds the job', async () => {
    await vi.waitFor(
      () =>
        expect(second.logs.find((entry) => entry.msg === 'job lease held by another collector: waiting' && entry.job === JOB)?.holder).toBe(
          holderOf(first),
        ),
      { timeout: 30_000 },
    );
    expect((await sendEpisodes(first, 31)) + (await sendEpisodes(second, 32))).toBeGreaterThan(0);
    // Both ingest; the holder clusters what both stored.
    await vi.waitFor(() => expect(clustered(first)).toBeGreaterThan(0), { timeout: 30_000 });
    expect(clustered(second)).toBe(0);
    expect(holderOf(second)).toBeUndefined();
  });

  it('hands the job to the other within one lease period after the holder is killed', async () => {
    first.child.kill('SIGKILL');
    await vi.waitFor(() => expect(holderOf(second)).toBeDefined(), { timeout: 30_000 });
    expect(await sendEpisodes(second, 33)).toBeGreaterThan(0);
    await vi.waitFor(() => expect(clustered(second)).toBeGreaterThan(0), { timeout: 30_000 });

    const rows = await store.query<{ Epoch: string; Holder: string; writtenMs: string; expiresMs: string }>(
      `SELECT Epoch, Holder, toUnixTimestamp64Milli(WrittenAt) AS writtenMs, toUnixTimestamp64Milli(WrittenAt) + LeaseMs AS expiresMs
       FROM job_leases WHERE Job = {job:String} ORDER BY WrittenAt`,
      { job: JOB },
    );
    const firstRows = rows.filter((row) => row.Holder === holderOf(first));
    const takeover = rows.find((row) => row.Holder === holderOf(second))!;
    const lastOfFirst = firstRows.at(-1)!;
    // The first collector's last word was at or before its death; it held one epoch, the second took the next.
    expect(Number(takeover.Epoch)).toBe(Number(lastOfFirst.Epoch) + 1);
    // Never both at once: the takeover came after the dead holder's lease ran out ...
    expect(Number(takeover.writtenMs)).toBeGreaterThanOrEqual(Number(lastOfFirst.expiresMs));
    // ... and within one lease period of its last renewal (so of its death), with half a period for the store's round trips.
    expect(Number(takeover.writtenMs) - Number(lastOfFirst.writtenMs)).toBeLessThanOrEqual(LEASE_SECONDS * 1000 * 1.5);
  });
});
