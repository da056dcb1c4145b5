import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodeOtlpRequest,
  EmbeddedStore,
  loadConfig,
  NO_RETENTION,
  runMigrations,
  silentLogger,
  SPAN_COLUMNS,
  spanRows,
  startCollector,
} from '@trumpets/collector';
import { profileMainThread } from './cpuProfile.ts';
import { startLoadGenerator } from './postBodies.ts';
import { syntheticRequests } from './syntheticEpisodes.ts';
import { allCoresCeiling, describeThreadCpu, threadCpuSince, threadCpuSnapshot } from './threadCpu.ts';

export interface EndToEndFigures {
  /** Spans/s until every request was answered 200. */
  acked: number;
  /** Spans/s until every acknowledged span was in the spans table. */
  stored: number;
  /** Spans/s until episodes were assembled from them too. */
  assembled: number;
}

export interface IngestFigures {
  spans: number;
  decodeSpansPerSec: number;
  rawInsertSpansPerSec: number;
  spoolOn: EndToEndFigures;
  spoolOff: EndToEndFigures;
}

const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);
const fmt = (value: number) => value.toLocaleString('en').padStart(8);
const cpuPerSpan = (cpu: NodeJS.CpuUsage, spans: number) => ((cpu.user + cpu.system) / spans).toFixed(1);

/**
 * OTLP protobuf ingest end to end (HTTP → decode → spool → spans table), with the spool on and
 * off, against its two baselines measured in the same run on the same rows: decoding alone, and
 * a raw insert into the embedded store.
 */
export async function benchIngest(
  episodes: number,
  concurrency: number,
  log: (line: string) => void,
  profileTo?: string,
): Promise<IngestFigures> {
  const { bodies, spans } = syntheticRequests(episodes);
  log(
    `ingest: ${spans.toLocaleString('en')} spans in ${bodies.length} protobuf requests (${(bodies.reduce((n, b) => n + b.length, 0) / 1e6).toFixed(1)} MB)`,
  );

  const { decodeSpansPerSec, rawInsertSpansPerSec } = await measureBaselines(bodies, spans, log);
  log(`  end to end over HTTP, ${concurrency} requests in flight (as from ${concurrency} agent processes):`);
  const spoolOn = await measureEndToEnd(bodies, spans, concurrency, true, log, profileTo);
  const spoolOff = await measureEndToEnd(bodies, spans, concurrency, false, log);
  return { spans, decodeSpansPerSec, rawInsertSpansPerSec, spoolOn, spoolOff };
}

/**
 * Decoding alone, and a raw insert of the decoded rows. Its own function so that the 200,000
 * decoded spans are garbage before the end-to-end runs: held, they made every collection of
 * the collector's heap in the same process slower.
 */
async function measureBaselines(
  bodies: Buffer[],
  spans: number,
  log: (line: string) => void,
): Promise<{ decodeSpansPerSec: number; rawInsertSpansPerSec: number }> {
  let started = performance.now();
  let cpuBefore = process.cpuUsage();
  const decoded = bodies.map((body) => decodeOtlpRequest(body, 'protobuf'));
  const decodeSpansPerSec = rate(spans, performance.now() - started);
  log(
    `  decode only                  ${fmt(decodeSpansPerSec)} spans/s (${cpuPerSpan(process.cpuUsage(cpuBefore), spans)} µs of CPU a span)`,
  );

  const rows = decoded.flatMap((request) => request.spans);
  const rawDir = mkdtempSync(join(tmpdir(), 'trumpets-bench-raw-'));
  const rawStore = new EmbeddedStore(rawDir);
  await runMigrations(rawStore);
  started = performance.now();
  cpuBefore = process.cpuUsage();
  for (let i = 0; i < rows.length; i += 16_000) await rawStore.insertRowBinary('spans', SPAN_COLUMNS, spanRows(rows.slice(i, i + 16_000)));
  const rawInsertSpansPerSec = rate(spans, performance.now() - started);
  const rawInsertCpu = cpuPerSpan(process.cpuUsage(cpuBefore), spans);
  await rawStore.close();
  rmSync(rawDir, { recursive: true, force: true });
  log(`  raw insert (16k-row batches) ${fmt(rawInsertSpansPerSec)} spans/s (${rawInsertCpu} µs of CPU a span)`);
  return { decodeSpansPerSec, rawInsertSpansPerSec };
}

/** Runs the timed part of a measurement under the CPU profiler and prints main-thread µs per span by stage. */
async function profiled<Result>(work: () => Promise<Result>, spans: number, saveTo: string, log: (line: string) => void): Promise<Result> {
  const { result, byStageUs } = await profileMainThread(work, saveTo);
  log(`    main thread, µs per span by stage (profile in ${saveTo}):`);
  for (const [stage, us] of [...byStageUs].sort((a, b) => b[1] - a[1])) log(`      ${(us / spans).toFixed(1).padStart(6)} µs  ${stage}`);
  return result;
}

async function measureEndToEnd(
  bodies: Buffer[],
  spans: number,
  concurrency: number,
  spool: boolean,
  log: (line: string) => void,
  profileTo?: string,
): Promise<EndToEndFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'trumpets-bench-e2e-'));
  const defaults = loadConfig({});
  const config = {
    ...defaults,
    port: 0,
    dataDir: join(dir, 'data'),
    spool: { ...defaults.spool, enabled: spool, dir: join(dir, 'spool') },
    retention: NO_RETENTION,
  };
  const collector = await startCollector(config, silentLogger);
  try {
    const load = await startLoadGenerator(`${collector.url}/v1/traces`, bodies, concurrency);
    const timed = async () => {
      const started = performance.now();
      const threadsBefore = threadCpuSnapshot();
      const result = await load.send();
      const ackedMs = performance.now() - started;
      if (Object.keys(result.statuses).some((status) => status !== '200'))
        throw new Error(`unexpected answers: ${JSON.stringify(result.statuses)}`);
      await collector.pipeline.drainer?.flush();
      const storedMs = performance.now() - started;
      await collector.assembler.flush();
      return { result, ackedMs, storedMs, assembledMs: performance.now() - started, cpu: threadCpuSince(threadsBefore) };
    };
    const { result, ackedMs, storedMs, assembledMs, cpu } = profileTo ? await profiled(timed, spans, profileTo, log) : await timed();
    const [count] = await collector.store.query<{ n: string }>('SELECT count() AS n FROM spans FINAL');
    if (Number(count?.n) !== spans) throw new Error(`stored ${count?.n} spans, sent ${spans}`);
    const figures = { acked: rate(spans, ackedMs), stored: rate(spans, storedMs), assembled: rate(spans, assembledMs) };
    log(
      `    spool ${spool ? 'on ' : 'off'}: acked ${fmt(figures.acked)}  stored ${fmt(figures.stored)}  episodes assembled ${fmt(figures.assembled)} spans/s` +
        `  (CPU: collector ${(cpu.totalMs / 1000).toFixed(1)} s, load generator ${(result.cpuMs / 1000).toFixed(1)} s)`,
    );
    log(`      collector's CPU, µs a span: ${describeThreadCpu(cpu, spans)}`);
    log(
      `      with every core busy all the time, this CPU (the load generator's too) allows at most ${allCoresCeiling(cpu.totalMs + result.cpuMs, spans).toLocaleString('en')} spans/s`,
    );
    return figures;
  } finally {
    await collector.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
