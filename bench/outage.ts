import { startInProcessCollector } from '@trumpets/collector/testing';
import { loadLine, machineLine } from './machine.ts';
import { syntheticRequests } from './syntheticEpisodes.ts';

export interface OutageFigures {
  acknowledgedSpans: number;
  storedSpans: number;
  lostSpans: number;
  duplicatedSpans: number;
  refusedRequests: number;
  /** Seconds into the outage of the first 503, and the spool's bytes then. */
  firstRefusalAfterSeconds: number | undefined;
  spoolBytesAtFirstRefusal: number;
  drainSeconds: number;
}

const SPANS_PER_REQUEST = 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * A store outage under steady load, with a spool budget the outage overruns: the collector
 * should acknowledge until the budget, answer 503 past it, lose nothing it acknowledged, and
 * drain the backlog once the store is back (load continuing). Bounded: the load stops at most
 * `maxDrainSeconds` after the store returns.
 */
export async function benchOutage(
  options: { outageSeconds: number; spansPerSecond: number; spoolMb: number; maxDrainSeconds?: number },
  log: (line: string) => void,
): Promise<OutageFigures> {
  const h = await startInProcessCollector({ retryAfterSeconds: 1, spool: { maxBytes: options.spoolMb * 1024 * 1024 } });
  const spool = h.collector.pipeline.spool!;
  const requestsPerSecond = options.spansPerSecond / SPANS_PER_REQUEST;
  let sent = 0;
  let acknowledged = 0;
  let refused = 0;
  let firstRefusalAt: number | undefined;
  let spoolBytesAtFirstRefusal = 0;
  let loading = true;
  let outageStarted = 0;

  const send = async (n: number) => {
    const [body] = syntheticRequests(SPANS_PER_REQUEST / 10, SPANS_PER_REQUEST, n * 1000).bodies as [Buffer];
    const response = await h.post(body, { 'content-type': 'application/x-protobuf' });
    await response.arrayBuffer();
    if (response.status === 200) acknowledged += SPANS_PER_REQUEST;
    else if (response.status === 503) {
      refused += 1;
      if (firstRefusalAt === undefined) {
        firstRefusalAt = Date.now();
        spoolBytesAtFirstRefusal = spool.bytes;
      }
    } else throw new Error(`unexpected answer ${response.status}: ${await response.text()}`);
  };
  const load = (async () => {
    const started = Date.now();
    const inFlight = new Set<Promise<void>>();
    while (loading) {
      const request = send(sent++).finally(() => inFlight.delete(request));
      inFlight.add(request);
      if (inFlight.size >= 8) await Promise.race(inFlight);
      await sleep(started + (sent / requestsPerSecond) * 1000 - Date.now());
    }
    await Promise.all(inFlight);
  })();

  log(machineLine());
  log(
    `outage: ${options.outageSeconds} s store outage at ${options.spansPerSecond.toLocaleString('en')} spans/s, spool budget ${options.spoolMb} MiB`,
  );
  try {
    await sleep(5_000);
    const steadyBytes = spool.bytes;
    h.store.refuseWrites('store outage (benchmark)');
    outageStarted = Date.now();
    for (let s = 10; s <= options.outageSeconds; s += 10) {
      await sleep(outageStarted + s * 1000 - Date.now());
      log(
        `  ${s} s into the outage: spool ${(spool.bytes / 1024 / 1024).toFixed(0)} MiB, ${acknowledged.toLocaleString('en')} spans acknowledged, ${refused} requests refused`,
      );
    }
    h.store.refuseWrites(undefined);
    const healedAt = Date.now();
    const backlogBytes = spool.bytes - steadyBytes;
    const maxDrainMs = (options.maxDrainSeconds ?? 600) * 1000;
    // Drained: the spool is back to what it held under the same load before the outage, give or take a segment.
    while (spool.bytes > steadyBytes + 8 * 1024 * 1024 && Date.now() - healedAt < maxDrainMs) await sleep(250);
    const drainSeconds = (Date.now() - healedAt) / 1000;
    log(
      `  store back: backlog of ${(backlogBytes / 1024 / 1024).toFixed(0)} MiB drained in ${drainSeconds.toFixed(1)} s with the load still on ` +
        `(${(backlogBytes / 1024 / 1024 / drainSeconds).toFixed(1)} MiB/s beyond the load); ${loadLine()}`,
    );
    loading = false;
    await load;
    await h.collector.settle();
    const [row] = await h.store.query<{ n: string; duplicated: string }>(
      'SELECT count() AS n, count() - uniqExact(TraceId, SpanId) AS duplicated FROM spans FINAL',
    );
    const stored = Number(row?.n);
    const duplicated = Number(row?.duplicated);
    const figures: OutageFigures = {
      acknowledgedSpans: acknowledged,
      storedSpans: stored,
      lostSpans: acknowledged - Math.min(stored, acknowledged),
      duplicatedSpans: duplicated,
      refusedRequests: refused,
      firstRefusalAfterSeconds: firstRefusalAt === undefined ? undefined : (firstRefusalAt - outageStarted) / 1000,
      spoolBytesAtFirstRefusal,
      drainSeconds,
    };
    log(
      `  acknowledged ${acknowledged.toLocaleString('en')} spans, stored ${stored.toLocaleString('en')}, lost ${figures.lostSpans}, duplicated ${duplicated}; ${refused} requests answered 503` +
        (figures.firstRefusalAfterSeconds === undefined
          ? ' (the budget was never reached)'
          : `, the first ${figures.firstRefusalAfterSeconds.toFixed(1)} s into the outage at ${(spoolBytesAtFirstRefusal / 1024 / 1024).toFixed(0)} MiB spooled`),
    );
    return figures;
  } finally {
    loading = false;
    await load.catch(() => undefined);
    await h.close();
  }
}
