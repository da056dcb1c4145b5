import { binomialLowerTail, binomialUpperTail } from './binomialTail.ts';

import type { FailureModeStatus } from '@trumpets/protocol/api';

/** A cluster's failures in two equal windows, the recent one ending now, and how many episodes each window saw. */
export interface WindowCounts {
  recent: number;
  previous: number;
  /** Episodes of the cluster's agents in each window: the exposure rates are taken against. 0 when unknown. */
  recentEpisodes: number;
  previousEpisodes: number;
}

export interface StatusOptions {
  nowMs: number;
  /** A cluster first seen this recently is new. */
  newWithinMs: number;
  /** Fewest failures for "new", "growing" or "fading": one-off messages flag nothing. Default 5. */
  minCount?: number;
  /** Significance level of the growth test. Default 0.01. */
  alpha?: number;
}

export interface StatusVerdict {
  status: FailureModeStatus;
  /** One-sided p-value of "the recent rate is no higher than the previous one". */
  growthPValue: number;
}

/**
 * new: first seen within `newWithinMs`, with at least `minCount` failures.
 * growing: the recent rate is significantly above the previous one. Conditional binomial test: given
 *   n = recent + previous failures, under equal rates the recent count is Binomial(n, π) with
 *   π = recent exposure / (recent + previous exposure); growing when P(X ≥ recent) < alpha and
 *   recent ≥ minCount. Exposure is the episodes of the cluster's agents in each window (so more
 *   traffic is not more failure), or the windows' lengths (π = ½) when episode counts are missing.
 * fading: the mirror test (P(X ≤ recent) < alpha with previous ≥ minCount), or no failures in either window.
 * steady: anything else.
 */
export function failureModeStatus(
  firstSeenMs: number,
  failuresSinceFirstSeen: number,
  counts: WindowCounts,
  options: StatusOptions,
): StatusVerdict {
  const minCount = options.minCount ?? 5;
  const alpha = options.alpha ?? 0.01;
  const n = counts.recent + counts.previous;
  const share =
    counts.recentEpisodes > 0 && counts.previousEpisodes > 0
      ? counts.recentEpisodes / (counts.recentEpisodes + counts.previousEpisodes)
      : 0.5;
  const growthPValue = binomialUpperTail(counts.recent, n, share);
  if (firstSeenMs >= options.nowMs - options.newWithinMs && failuresSinceFirstSeen >= minCount) return { status: 'new', growthPValue };
  if (growthPValue < alpha && counts.recent >= minCount) return { status: 'growing', growthPValue };
  if (n === 0 || (counts.previous >= minCount && binomialLowerTail(counts.recent, n, share) < alpha))
    return { status: 'fading', growthPValue };
  return { status: 'steady', growthPValue };
}
