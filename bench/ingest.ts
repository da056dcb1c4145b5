import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeOtlpRequest, EmbeddedStore, loadConfig, runMigrations, silentLogger, startCollector, toSpanRow } from '@trumpets/collector';
import { postFromProcess } from './postBodies.ts';
import { syntheticRequests } from './syntheticEpisodes.ts';

export interface IngestFigures {
  spans: number;
  decodeSpansPerSec: number;
  rawInsertSpansPerSec: number;
  endToEndSpansPerSec: number;
  assembledSpansPerSec: number;
}

const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);

/**
 * OTLP protobuf ingest end to end (HTTP → decode → spans table, acknowledged) against its two
 * baselines measured in the same run on the same rows: decoding alone, and a raw insert into
 * the embedded store.
 */
export async function benchIngest(episodes: number, concurrency: number, log: (line: string) => void): Promise<IngestFigures> {
  const { bodies, spans } = syntheticRequests(episodes);
  log(`ingest: ${spans} spans in ${bodies.length} protobuf requests (${(bodies.reduce((n, b) => n + b.length, 0) / 1e6).toFixed(1)} MB)`);

  let started = performance.now();
  const decoded = bodies.map((body) => decodeOtlpRequest(body, 'protobuf'));
  const decodeMs = performance.now() - started;
  log(`  decode only          ${rate(spans, decodeMs).toLocaleString('en')} spans/s`);

  const rows = decoded.flatMap((request) => request.spans.map(toSpanRow));
  const rawDir = mkdtempSync(join(tmpdir(), 'trumpets-bench-raw-'));
  const rawStore = new EmbeddedStore(rawDir);
  await runMigrations(rawStore);
  started = performance.now();
  for (let i = 0; i < rows.length; i += 10_000) await rawStore.insert('spans', rows.slice(i, i + 10_000));
  const rawMs = performance.now() - started;
  await rawStore.close();
  rmSync(rawDir, { recursive: true, force: true });
  log(`  raw insert (10k rows) ${rate(spans, rawMs).toLocaleString('en')} spans/s`);

  const dir = mkdtempSync(join(tmpdir(), 'trumpets-bench-e2e-'));
  const collector = await startCollector({ ...loadConfig({}), port: 0, dataDir: dir }, silentLogger);
  try {
    started = performance.now();
    const cpuBefore = process.cpuUsage();
    const result = await postFromProcess(`${collector.url}/v1/traces`, bodies, concurrency);
    const e2eMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    log(`  CPU: collector ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, load generator ${(result.cpuMs / 1000).toFixed(1)} s, wall ${(e2eMs / 1000).toFixed(1)} s`);
    if (Object.keys(result.statuses).some((status) => status !== '200')) throw new Error(`unexpected answers: ${JSON.stringify(result.statuses)}`);
    await collector.assembler.flush();
    const assembledMs = performance.now() - started;
    const [count] = await collector.store.query<{ n: string }>('SELECT count() AS n FROM spans FINAL');
    if (Number(count?.n) !== spans) throw new Error(`stored ${count?.n} spans, sent ${spans}`);
    log(`  end to end (acked)   ${rate(spans, e2eMs).toLocaleString('en')} spans/s  (HTTP, ${concurrency} requests in flight, as from ${concurrency} agent processes)`);
    log(`  end to end + episodes assembled ${rate(spans, assembledMs).toLocaleString('en')} spans/s`);
    return {
      spans,
      decodeSpansPerSec: rate(spans, decodeMs),
      rawInsertSpansPerSec: rate(spans, rawMs),
      endToEndSpansPerSec: rate(spans, e2eMs),
      assembledSpansPerSec: rate(spans, assembledMs),
    };
  } finally {
    await collector.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
