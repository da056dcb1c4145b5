import { describe, expect, it } from 'vitest';
import { assignBucket, BUCKETS, servesCandidate } from './assignBucket.ts';

const keys = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);
const buckets = new Map(keys.map((key) => [key, assignBucket('support', key)]));
const bucketOf = (key: string) => buckets.get(key)!;

describe('rollout assignment', () => {
  it('gives each stage its share of 10,000 keys within a point', () => {
    for (const percent of [5, 25, 50]) {
      const served = keys.filter((key) => servesCandidate(bucketOf(key), percent)).length;
      expect(Math.abs(served / keys.length - percent / 100)).toBeLessThan(0.01);
    }
    expect(keys.every((key) => servesCandidate(bucketOf(key), 100))).toBe(true);
    expect(keys.some((key) => servesCandidate(bucketOf(key), 0))).toBe(false);
  });

  it('keeps a key on its version and only adds keys as the stage rises', () => {
    const at = (percent: number) => new Set(keys.filter((key) => servesCandidate(bucketOf(key), percent)));
    const [five, quarter, half] = [at(5), at(25), at(50)];
    expect([...five].every((key) => quarter.has(key))).toBe(true);
    expect([...quarter].every((key) => half.has(key))).toBe(true);
    expect(keys.slice(0, 1000).every((key) => assignBucket('support', key) === bucketOf(key))).toBe(true);
    expect(keys.every((key) => bucketOf(key) >= 0 && bucketOf(key) < BUCKETS)).toBe(true);
  });

  it('hashes the agent too, so one user is not first in line for every agent', () => {
    const same = keys.filter((key) => servesCandidate(bucketOf(key), 5) && servesCandidate(assignBucket('billing', key), 5));
    expect(same.length).toBeLessThan(60);
  });
});
