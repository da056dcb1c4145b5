import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCollectorProcess } from '@trumpets/collector/testing';
import { loadLine, machineLine, verdict } from './machine.ts';
import { syntheticRequests } from './syntheticEpisodes.ts';

export interface SoakFigures {
  minutes: number;
  spansPerSecond: number;
  sentSpans: number;
  refused: number;
  rssStartMb: number;
  rssEndMb: number;
}

const MB = 1024 * 1024;

/** The collector's own memory figures from its /metrics: JS heap, the engine's tracked memory and caches, the spool's backlog. */
async function memoryFigures(url: string): Promise<string> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (pattern: RegExp) => {
    const match = pattern.exec(text);
    return match ? `${Math.round(Number(match[1]) / MB)}` : '?';
  };
  const engine = (kind: string) => value(new RegExp(`^trumpets_engine_memory_bytes\\{kind="${kind}"\\} (\\S+)$`, 'm'));
  return (
    `JS heap ${value(/^trumpets_process_nodejs_heap_size_used_bytes (\S+)$/m)} MB, buffers ${value(/^trumpets_process_nodejs_external_memory_bytes (\S+)$/m)} MB; engine: tracked ${engine('tracked')} MB, merges ${engine('merges')} MB, ` +
    `mark cache ${engine('mark_cache')} MB, primary index cache ${engine('primary_index_cache')} MB, uncompressed cache ${engine('uncompressed_cache')} MB; ` +
    // A backlog means the drainer is behind, and its inserts (and the engine's memory for them) grow up to a pass's worth.
    `spool backlog ${value(/^trumpets_spool_bytes (\S+)$/m)} MB`
  );
}

/** Resident memory of a process, from /proc (Linux); `field` VmRSS (all), RssAnon (allocated) or RssFile (mapped files: code). */
function rssMb(pid: number, field: 'VmRSS' | 'RssAnon' | 'RssFile' = 'VmRSS'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
}

/**
 * Steady OTLP load against the real collector process for `minutes`, reporting its RSS once warm
 * (after the first minute) and at the end, and every minute in between, beside the JS heap and the
 * engine's own memory figures, so growth can be told apart: JavaScript or engine, caches or merges.
 */
export async function benchSoak(
  minutes: number,
  spansPerSecond: number,
  heapMb: number,
  log: (line: string) => void,
): Promise<SoakFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'trumpets-soak-'));
  // Node's own heap limit is a quarter of the machine's memory, and V8 grows toward it under load.
  const heapLimit: Record<string, string> =
    heapMb > 0 ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${heapMb}`.trim() } : {};
  const collector = await startCollectorProcess(join(dir, 'data'), { TRUMPETS_SPOOL_DIR: join(dir, 'spool'), ...heapLimit });
  const pid = collector.child.pid!;
  const requestsPerSecond = spansPerSecond / 500;
  const endAt = Date.now() + minutes * 60_000;
  let sent = 0;
  let refused = 0;
  let rssStartMb = Number.NaN;
  let nextReport = Date.now() + 60_000;
  log(machineLine());
  log(
    `soak: ${minutes} min at ${spansPerSecond.toLocaleString('en')} spans/s against the collector process (pid ${pid}), ` +
      (heapMb > 0 ? `JS heap limited to ${heapMb} MB (--max-old-space-size)` : "Node's default JS heap limit"),
  );
  try {
    const started = Date.now();
    while (Date.now() < endAt) {
      // Fresh ids every request (about 20 ids per episode), as real traffic has.
      const [body] = syntheticRequests(50, 500, sent * 1000).bodies as [Buffer];
      const response = await fetch(`${collector.url}/v1/traces`, {
        method: 'POST',
        body: new Uint8Array(body),
        headers: { 'content-type': 'application/x-protobuf' },
      });
      await response.arrayBuffer();
      if (response.status !== 200) refused += 1;
      sent += 1;
      if (Date.now() >= nextReport) {
        const rss = rssMb(pid);
        // Warm: after the first minute's load, once caches and the JIT have filled in.
        if (Number.isNaN(rssStartMb)) rssStartMb = rss;
        log(
          `  ${Math.round((Date.now() - started) / 60_000)} min: RSS ${rss} MB (allocated ${rssMb(pid, 'RssAnon')} MB, mapped files ${rssMb(pid, 'RssFile')} MB; ${await memoryFigures(collector.url)}); ${sent * 500} spans sent, ${refused} refused; ${loadLine()}`,
        );
        nextReport += 60_000;
      }
      const due = started + (sent / requestsPerSecond) * 1000;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    }
    const rssEndMb = rssMb(pid);
    log(
      `  RSS once warm ${rssStartMb} MB, at the end ${rssEndMb} MB (${await memoryFigures(collector.url)}); ${sent * 500} spans sent, ${refused} requests refused`,
    );
    const growth = rssEndMb / rssStartMb - 1;
    log(verdict('RSS growth from warm to the end, %', Math.round(growth * 1000) / 10, '≤ 15', growth <= 0.15));
    log(verdict('RSS at the end, MB', rssEndMb, '< 600', rssEndMb < 600));
    return { minutes, spansPerSecond, sentSpans: sent * 500, refused, rssStartMb, rssEndMb };
  } finally {
    await collector.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
