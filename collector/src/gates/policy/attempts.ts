import type { Attempt, GatePolicy } from '@trumpets/protocol/api';

/**
 * Rerunning a validation until it decides would otherwise buy a pass: with the true harm at the
 * critical effect, "rerun until decided" passed 34% of the time at n = 30. So attempts share the
 * policy's error rate (alpha spending by Bonferroni): attempt k of K gets the share 2^−k of it and
 * the last one what is left (K = 3: ½, ¼, ¼), the shares sum to 1, and whatever the attempts'
 * data, the chance that any of them passes a critical harm stays within the policy's level.
 */
export function attemptShare(attempt: number, maxAttempts: number): number {
  if (attempt < 1 || attempt > maxAttempts) throw new RangeError(`attempt ${attempt} is outside 1..${maxAttempts}`);
  return attempt < maxAttempts ? 2 ** -attempt : 2 ** -(maxAttempts - 1);
}

export function attemptOf(policy: GatePolicy, attempt: number): Attempt {
  return { number: attempt, of: policy.maxAttempts, confidence: 1 - (1 - policy.confidence) * attemptShare(attempt, policy.maxAttempts) };
}
