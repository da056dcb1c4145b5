import { createHash } from 'node:crypto';

/** Buckets a request key can fall in: a stage at p% serves the candidate to buckets below p × 100. */
export const BUCKETS = 10_000;

/**
 * The rollout bucket of a request key: the first four bytes of sha256(agent, key), mod 10,000.
 * Deterministic, so one user stays on one version, and raising a stage from 5% to 25% only adds
 * users (buckets 500–2499), never swaps them. The agent is part of the hash so that the same user
 * is not the first to get every agent's candidates.
 */
export function assignBucket(agent: string, key: string): number {
  const digest = createHash('sha256').update(agent).update('\u0000').update(key).digest();
  return digest.readUInt32BE(0) % BUCKETS;
}

/** Whether a bucket gets the candidate at this traffic share (percent). */
export function servesCandidate(bucket: number, percent: number): boolean {
  return bucket < Math.round(percent * (BUCKETS / 100));
}
