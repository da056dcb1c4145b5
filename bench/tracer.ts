import { bareSdkWorkload, trumpetsWorkload, untracedWorkload, type TracerWorkload } from '@trumpets/instrumentation/testing';

export interface TracerBench {
  /** Median CPU ns per episode (one root, three tools, one chat span), by workload. */
  untracedNs: number;
  bareSdkNs: number;
  trumpetsNs: number;
  /** Median over rounds of ours / bare SDK, each round's pair measured back to back. */
  trumpetsOverBareSdk: number;
}

/**
 * Cost per episode of our tracer against the bare OpenTelemetry SDK making the same spans (same
 * batch processor, same exporter that discards) and against no tracing, in one run. Cost is CPU
 * time (user + system, GC threads included) rather than wall time, so other processes on a busy
 * machine weigh less. Rounds rotate the order of the workloads so drift (JIT, GC, CPU clock)
 * hits all three alike; the ratio is taken within each round, then the median over rounds.
 */
export async function benchTracer(log: (line: string) => void, episodes = 10_000, rounds = 15): Promise<TracerBench> {
  const workloads = { untraced: untracedWorkload(), bareSdk: bareSdkWorkload(), trumpets: trumpetsWorkload() };
  const order = Object.keys(workloads) as Array<keyof typeof workloads>;
  const samples: Record<keyof typeof workloads, number[]> = { untraced: [], bareSdk: [], trumpets: [] };
  log(`tracer: ${rounds} rounds × ${episodes.toLocaleString('en')} episodes per workload`);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < order.length; i++) {
      const name = order[(round + i) % order.length]!;
      samples[name].push(await cpuNsPerEpisode(workloads[name], episodes));
    }
  }
  for (const name of order) log(`  ${workloads[name].name}: CPU ns/episode by round ${samples[name].map(Math.round).join(', ')}`);
  return {
    untracedNs: median(samples.untraced),
    bareSdkNs: median(samples.bareSdk),
    trumpetsNs: median(samples.trumpets),
    trumpetsOverBareSdk: median(samples.trumpets.map((ns, round) => ns / samples.bareSdk[round]!)),
  };
}

async function cpuNsPerEpisode(workload: TracerWorkload, episodes: number): Promise<number> {
  workload.start();
  try {
    // Warm-up: compiled code paths and a settled batch processor before the clock starts.
    for (let i = 0; i < 1_000; i++) await workload.episode();
    const start = process.cpuUsage();
    for (let i = 0; i < episodes; i++) await workload.episode();
    const used = process.cpuUsage(start);
    return ((used.user + used.system) * 1_000) / episodes;
  } finally {
    await workload.stop();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
