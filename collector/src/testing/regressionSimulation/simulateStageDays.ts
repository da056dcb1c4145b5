import { createRandom, type Random } from '../../shared/random.ts';
import { harmEvidence, proportionDifference } from '../../stats/sequential.ts';
import { METRIC_RULES, MIN_EPISODES_FOR_HARM } from '../../regressions/regressionMetrics.ts';

export interface StageSimulation {
  /** Simulated days, each an independent stage checked every minute. */
  days: number;
  seed: number;
  /** Episodes per hour over both arms. */
  episodesPerHour: number;
  /** The candidate's share of traffic (0.25 at the 25% stage). */
  share: number;
  controlSuccessRate: number;
  candidateSuccessRate: number;
  alpha: number;
  /** Minutes per day (one check a minute). Default 1440. */
  minutes?: number;
}

export interface StageSimulationResult {
  days: number;
  /** Days on which the success-rate test fired at some check. */
  alarmDays: number;
  /** For days that alarmed, the minute of the first alarm, sorted. */
  detectionMinutes: number[];
  /** Median and 90th percentile minutes to detection over all days (Infinity when not reached within the day). */
  medianMinutes: number;
  p90Minutes: number;
}

/**
 * Simulates stages of a rollout as the rollout watcher sees them: Poisson traffic split by the
 * candidate's share, each episode a success or not, the success-rate test evaluated on the
 * cumulative counts every minute (the same functions and thresholds the watcher uses). With equal
 * rates it measures false alarms per day; with a drop, time to detection.
 */
export function simulateStageDays(options: StageSimulation): StageSimulationResult {
  const random = createRandom(options.seed);
  const minutes = options.minutes ?? 1440;
  const perMinute = options.episodesPerHour / 60;
  const { tau, worse } = METRIC_RULES.success_rate;
  const detectionMinutes: number[] = [];
  const all: number[] = [];
  for (let day = 0; day < options.days; day++) {
    const candidate = { successes: 0, trials: 0 };
    const control = { successes: 0, trials: 0 };
    let detected = Infinity;
    for (let minute = 1; minute <= minutes; minute++) {
      for (let arrivals = poisson(random, perMinute); arrivals > 0; arrivals--) {
        const onCandidate = random.next() < options.share;
        const arm = onCandidate ? candidate : control;
        arm.trials++;
        if (random.next() < (onCandidate ? options.candidateSuccessRate : options.controlSuccessRate)) arm.successes++;
      }
      if (candidate.trials < MIN_EPISODES_FOR_HARM || control.trials < MIN_EPISODES_FOR_HARM) continue;
      if (harmEvidence(proportionDifference(candidate, control), tau, worse).eValue >= 1 / options.alpha) {
        detected = minute;
        break;
      }
    }
    all.push(detected);
    if (Number.isFinite(detected)) detectionMinutes.push(detected);
  }
  all.sort((a, b) => a - b);
  detectionMinutes.sort((a, b) => a - b);
  return {
    days: options.days,
    alarmDays: detectionMinutes.length,
    detectionMinutes,
    medianMinutes: quantileOfSorted(all, 0.5),
    p90Minutes: quantileOfSorted(all, 0.9),
  };
}

function quantileOfSorted(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Infinity;
}

/** Knuth's method: fine for the few arrivals a minute holds. */
function poisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random.next();
  while (product > limit) {
    count++;
    product *= random.next();
  }
  return count;
}
