import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore, runMigrations, silentLogger } from '@trumpets/collector';
import {
  clusterThroughStart,
  FailureClusterer,
  FailureModel,
  HELD_OUT_STYLE_MODES,
  PRODUCTION_FAILURE_MODES,
  scoreClustering,
  storeCorpus,
  syntheticFailures,
  TRAVEL_FAILURE_MODES,
  type ClusteringScores,
} from '@trumpets/collector/testing';
import { allCoresCeiling, describeThreadCpu, threadCpuSince, threadCpuSnapshot } from './threadCpu.ts';

export interface ClusteringFigures {
  failures: number;
  /** Mask → template → signature → cluster, failures already in memory. */
  inMemoryPerSec: number;
  /**
   * A clustering pass: read the failures from the store, cluster them, write clusters and
   * memberships. Measured, as in memory, once the code is compiled (`firstPassAfterStart`), with a
   * model that starts empty: the rate a running collector keeps up at.
   */
  passPerSec: number;
  /** The first pass of a process, over failures of another seed in a store of their own: its code not compiled yet. */
  firstPass: { failures: number; perSec: number };
  /** CPU time of this process during the pass (this thread and the engine's), in ms. */
  passCpuMs: number;
  /** The baseline: one GROUP BY on the exact error message over the same rows, in the same store. */
  groupByPerSec: number;
  adjustedRandIndex: number;
}

/** The three corpora, three seeds each, in memory: the quality printed beside the speed. */
const QUALITY_CORPORA = [
  { name: 'support (17 modes)', modes: undefined, untypedShare: 0 },
  { name: 'travel (16 modes, written apart)', modes: TRAVEL_FAILURE_MODES, untypedShare: 0 },
  { name: 'production-shaped (22 causes, half untyped)', modes: PRODUCTION_FAILURE_MODES, untypedShare: 0.5 },
  { name: 'held-out style (22 causes written apart, half untyped)', modes: HELD_OUT_STYLE_MODES, untypedShare: 0.5 },
] as const;

const figures = (scores: ClusteringScores) =>
  `ARI ${scores.adjustedRandIndex.toFixed(3)}, homogeneity ${scores.homogeneity.toFixed(3)}, completeness ${scores.completeness.toFixed(3)} (${scores.modes} → ${scores.clusters})`;

const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);

/**
 * Failure-mode clustering over `count` synthetic failures (17 known modes), in memory and as a full
 * pass through the embedded store, against a plain GROUP BY on the exact error string of the same
 * rows in the same store, measured in one run.
 */
export async function benchClustering(count: number, log: (line: string) => void): Promise<ClusteringFigures> {
  log(`clustering: ${count.toLocaleString('en')} synthetic failures of 17 known modes`);
  const firstPass = await firstPassAfterStart(log);
  const dir = mkdtempSync(join(tmpdir(), 'trumpets-bench-clustering-'));
  const store = new EmbeddedStore(dir);
  try {
    await runMigrations(store);
    const { inMemoryPerSec, failureIds, truth } = await inMemoryAndStored(store, count, log);
    await storeOtherSpans(store, count * SPANS_PER_FAILURE, log);

    let started = performance.now();
    const groups = await store.named<{ failures: string }>('failure_exact_message_groups');
    const groupByPerSec = rate(count, performance.now() - started);
    log(
      `  GROUP BY exact error string (baseline)             ${groupByPerSec.toLocaleString('en')} failures/s (${groups.length.toLocaleString('en')} groups)`,
    );

    const load = loadavg()[0]!.toFixed(2);
    started = performance.now();
    const threadsBefore = threadCpuSnapshot();
    const report = await new FailureClusterer(store, {}, silentLogger).flush();
    const cpu = threadCpuSince(threadsBefore);
    const passPerSec = rate(report.failures, performance.now() - started);
    const passCpuMs = Math.round(cpu.totalMs);
    if (report.failures !== count) throw new Error(`clustered ${report.failures} failures, stored ${count}`);
    log(
      `  clustering pass (store → clusters → store)         ${passPerSec.toLocaleString('en')} failures/s (${passCpuMs.toLocaleString('en')} ms CPU; load average ${load} on ${availableParallelism()} cores), compiled, with a model of its own, as in memory`,
    );
    log(`    its CPU, µs a failure: ${describeThreadCpu(cpu, count)}`);
    log(
      `    with every core busy all the time, this CPU allows at most ${allCoresCeiling(cpu.totalMs, count).toLocaleString('en')} failures/s`,
    );
    log(`  pass / in memory: ${(passPerSec / inMemoryPerSec).toFixed(2)}`);

    const members = await store.named<{ FailureId: string; clusterId: string }>('failure_bench_memberships');
    const clusterOf = new Map(members.map((row) => [row.FailureId, row.clusterId]));
    const scores = scoreClustering(
      truth,
      failureIds.map((id) => clusterOf.get(id) ?? 'missing'),
    );
    log(`  quality of that pass: ${figures(scores)}; exact strings: ${groups.length.toLocaleString('en')} groups`);
    for (const corpus of QUALITY_CORPORA) {
      const perSeed = [1, 2, 3].map((seed) => {
        const { records: sample, truth: sampleTruth } = syntheticFailures({ count: 3000, seed, ...corpus });
        const model = new FailureModel();
        const batch = model.assign(sample);
        const assigned = new Map(batch.assignments.map((assignment) => [assignment.record.failureId, model.resolve(assignment.clusterId)]));
        return `seed ${seed}: ${figures(
          scoreClustering(
            sampleTruth,
            sample.map((record) => assigned.get(record.failureId)!),
          ),
        )}`;
      });
      log(`  ${corpus.name}, 3,000 failures: ${perSeed.join('; ')}`);
    }
    return {
      failures: count,
      inMemoryPerSec,
      passPerSec,
      firstPass,
      passCpuMs,
      groupByPerSec,
      adjustedRandIndex: scores.adjustedRandIndex,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Failures of the first pass, the one that compiles the pass's code. */
const WARM_UP_FAILURES = 20_000;

/**
 * A process's first pass, over failures of other seeds in a store of its own, closed after: it
 * runs the pass's reads and writes before they are compiled (about a third more CPU than once
 * they are), as a collector's first pass after start does. Measured and printed, then out of the
 * way, so the pass measured after it is the steady rate, as the in-memory one is.
 */
async function firstPassAfterStart(log: (line: string) => void): Promise<ClusteringFigures['firstPass']> {
  const dir = mkdtempSync(join(tmpdir(), 'trumpets-bench-first-pass-'));
  const store = new EmbeddedStore(dir);
  try {
    await runMigrations(store);
    await storeCorpus(store, syntheticFailures({ count: WARM_UP_FAILURES, seed: 7 }).records);
    const started = performance.now();
    const report = await new FailureClusterer(store, {}, silentLogger).flush();
    const perSec = rate(report.failures, performance.now() - started);
    if (report.failures !== WARM_UP_FAILURES)
      throw new Error(`the first pass clustered ${report.failures} failures, stored ${WARM_UP_FAILURES}`);
    log(
      `  first pass after start, ${report.failures.toLocaleString('en')} other failures (its code compiling)  ${perSec.toLocaleString('en')} failures/s`,
    );
    return { failures: report.failures, perSec };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Spans of other traces stored beside the corpus, as ingest leaves them: about ten per episode. */
const SPANS_PER_FAILURE = 10;

/**
 * Spans of traces that are not the corpus's, on the corpus's days, made inside the engine: a
 * pass's reads must not grow with them (reading safety flags from spans once made 3 million such
 * spans cost a pass of 100,000 failures about 2 s of its 5.5).
 */
async function storeOtherSpans(store: EmbeddedStore, spans: number, log: (line: string) => void): Promise<void> {
  const [days] = await store.query<{ fromNanos: string; spreadNanos: string }>(
    'SELECT toString(toUnixTimestamp64Nano(min(StartTime))) AS fromNanos, toString(toUnixTimestamp64Nano(max(StartTime)) - toUnixTimestamp64Nano(min(StartTime))) AS spreadNanos FROM episodes',
  );
  // Inserts of 250,000 rows fit under the engine's per-query memory cap.
  for (let from = 0; from < spans; from += 250_000)
    await store.command(
      `INSERT INTO spans (TraceId, SpanId, SpanName, StartTimeUnixNano, EndTimeUnixNano, SpanAttributes)
       SELECT lower(hex(MD5(toString(intDiv(number, 10))))), lower(hex(cityHash64(number))), 'chat',
              ${days!.fromNanos} + number * intDiv(${days!.spreadNanos}, ${spans}) AS start, start + 250000000, map('gen_ai.operation.name', 'chat')
       FROM numbers(${from}, ${Math.min(250_000, spans - from)})`,
    );
  await store.command('OPTIMIZE TABLE spans FINAL');
  log(`  the store also holds ${spans.toLocaleString('en')} spans of other traces on the same days, as ingest leaves them`);
}

/**
 * The in-memory rate, and the corpus stored for the pass. Its own function so that the 100,000
 * records and the models that assigned them are garbage before the pass is measured: the pass
 * paid for collecting a heap that held them.
 */
async function inMemoryAndStored(
  store: EmbeddedStore,
  count: number,
  log: (line: string) => void,
): Promise<{ inMemoryPerSec: number; failureIds: string[]; truth: string[] }> {
  const { records, truth } = syntheticFailures({ count, seed: 42 });
  // Warm the JIT on other failures first, so the figure is the steady rate, not compilation.
  new FailureModel().assign(syntheticFailures({ count: 20_000, seed: 7 }).records);
  const started = performance.now();
  new FailureModel().assign(records);
  const inMemoryPerSec = rate(count, performance.now() - started);
  log(`  in memory (mask → template → signature → cluster)  ${inMemoryPerSec.toLocaleString('en')} failures/s`);
  await storeCorpus(store, records);
  return { inMemoryPerSec, failureIds: records.map((record) => record.failureId), truth };
}

/**
 * The held-out style check: `count` failed episodes of 22 causes written apart from the clustering
 * (half untyped) sent over OTLP to a real `trumpets start` process, clustered by it and stopped
 * cleanly, per seed: ARI, homogeneity, completeness, modes found, episodes left in no mode.
 */
export async function benchHeldOut(count: number, seeds: readonly number[], log: (line: string) => void): Promise<number[]> {
  log(`held-out style corpus through trumpets start: ${count.toLocaleString('en')} failed episodes, 22 causes, half untyped`);
  const aris: number[] = [];
  for (const seed of seeds) {
    const started = performance.now();
    const { scores, unplaced, exitCode } = await clusterThroughStart(
      syntheticFailures({ count, seed, modes: HELD_OUT_STYLE_MODES, untypedShare: 0.5 }),
    );
    aris.push(scores.adjustedRandIndex);
    log(
      `  seed ${seed}: ${figures(scores)}; ${unplaced} episodes in no mode; exit code ${exitCode}; ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  return aris;
}
