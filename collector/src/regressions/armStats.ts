import type { Moments } from '../stats/sequential.ts';
import type { Store } from '../store/Store.ts';

/** One arm of a comparison (a release's episodes in a window), as the tests need it. */
export interface ArmStats {
  episodes: number;
  successes: number;
  escalations: number;
  logLatency: Moments;
  /** Episodes slower than the control's p95 fixed before the stage. */
  slowEpisodes: number;
  cost: Moments;
  /** Episodes with at least one safety flag. */
  flaggedEpisodes: number;
}

interface ArmRow {
  episodes: string;
  successes: string;
  escalations: string;
  logLatencyMean: number | null;
  logLatencyVariance: number | null;
  slowEpisodes: string;
  costMean: number | null;
  costVariance: number | null;
  flaggedEpisodes: string;
}

export interface ArmWindow {
  agent: string;
  releaseId: string;
  fromMs: number;
  toMs: number;
  /** Infinity when there is no threshold yet (no control traffic before the stage). */
  latencyThresholdMs: number;
}

export async function readArmStats(store: Store, window: ArmWindow): Promise<ArmStats> {
  // No threshold yet: one no episode passes (about 30 years), a number chdb binds safely.
  const latencyThresholdMs = Number.isFinite(window.latencyThresholdMs) ? window.latencyThresholdMs : 1e12;
  const [row] = await store.named<ArmRow>('release_arm_stats', { ...window, latencyThresholdMs });
  const n = Number(row?.episodes ?? 0);
  const number = (value: number | null | undefined) => (Number.isFinite(Number(value)) ? Number(value) : 0);
  return {
    episodes: n,
    successes: Number(row?.successes ?? 0),
    escalations: Number(row?.escalations ?? 0),
    logLatency: { n, mean: number(row?.logLatencyMean), variance: number(row?.logLatencyVariance) },
    slowEpisodes: Number(row?.slowEpisodes ?? 0),
    cost: { n, mean: number(row?.costMean), variance: number(row?.costVariance) },
    flaggedEpisodes: Number(row?.flaggedEpisodes ?? 0),
  };
}

/** The release's p95 latency over a window, or Infinity when it had no episodes then. */
export async function latencyP95(store: Store, window: Omit<ArmWindow, 'latencyThresholdMs'>): Promise<number> {
  const [row] = await store.named<{ episodes: string; p95LatencyMs: number }>('release_latency_p95', window);
  return Number(row?.episodes ?? 0) > 0 ? Number(row!.p95LatencyMs) : Infinity;
}
