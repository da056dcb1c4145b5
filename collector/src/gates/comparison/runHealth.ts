import { RUN_ERROR_KINDS, type RunErrorKind, type RunHealth } from '@trumpets/protocol/api';
import type { CaseRun } from './caseRuns.ts';

/** How much of one variant's run worked. A run missing results counts the missing ones as harness errors. */
export function runHealth(runs: readonly CaseRun[], expectedRuns: number): RunHealth {
  const errors = Object.fromEntries(RUN_ERROR_KINDS.map((kind) => [kind, 0])) as Record<RunErrorKind, number>;
  for (const run of runs) if (run.error) errors[run.error.kind] += 1;
  const usableRuns = runs.length - Object.values(errors).reduce((total, count) => total + count, 0);
  errors.harness += Math.max(0, expectedRuns - runs.length);
  const errorRate = expectedRuns === 0 ? 1 : Math.min(1, (expectedRuns - usableRuns) / expectedRuns);
  return { expectedRuns, usableRuns, errors, errorRate };
}
