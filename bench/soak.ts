import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCollectorProcess } from '@trumpets/collector/testing';
import { syntheticRequests } from './syntheticEpisodes.ts';

export interface SoakFigures {
  minutes: number;
  spansPerSecond: number;
  sentSpans: number;
  refused: number;
  rssStartMb: number;
  rssEndMb: number;
}

/** Resident memory of a process, from /proc (Linux). */
function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
}

/**
 * Steady OTLP load against the real collector process for `minutes`, reporting its RSS once warm
 * (after the first minute's share of load) and at the end, and every minute in between.
 */
export async function benchSoak(minutes: number, spansPerSecond: number, log: (line: string) => void): Promise<SoakFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'trumpets-soak-'));
  const collector = await startCollectorProcess(join(dir, 'data'), { TRUMPETS_SPOOL_DIR: join(dir, 'spool') });
  const pid = collector.child.pid!;
  const requestsPerSecond = spansPerSecond / 500;
  const endAt = Date.now() + minutes * 60_000;
  let sent = 0;
  let refused = 0;
  let rssStartMb = Number.NaN;
  let nextReport = Date.now() + 60_000;
  log(`soak: ${minutes} min at ${spansPerSecond.toLocaleString('en')} spans/s against the collector process (pid ${pid})`);
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
      if (Number.isNaN(rssStartMb) && Date.now() - started > 10_000) rssStartMb = rssMb(pid);
      if (Date.now() >= nextReport) {
        log(`  ${Math.round((Date.now() - started) / 60_000)} min: RSS ${rssMb(pid)} MB, ${sent * 500} spans sent, ${refused} refused`);
        nextReport += 60_000;
      }
      const due = started + (sent / requestsPerSecond) * 1000;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    }
    const rssEndMb = rssMb(pid);
    log(`  RSS once warm ${rssStartMb} MB, at the end ${rssEndMb} MB; ${sent * 500} spans sent, ${refused} requests refused`);
    return { minutes, spansPerSecond, sentSpans: sent * 500, refused, rssStartMb, rssEndMb };
  } finally {
    await collector.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
