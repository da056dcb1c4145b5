/**
 * A seeded pseudo-random source (mulberry32): the same seed gives the same sequence, so a stored
 * gate decision can be recomputed exactly and a test corpus repeats. Not for anything secret.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  below(n: number): number;
  /** An integer in [min, max], both included. */
  between(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One of `items`, each equally likely. */
  pick<T>(items: readonly T[]): T;
}

export function createRandom(seed: number | string): Random {
  // Kept in a typed array: a plain number above 2^30 would be boxed on every step, five times slower.
  const state = new Uint32Array([typeof seed === 'number' ? seed : hashSeed(seed)]);
  const next = (): number => {
    state[0]! += 0x6d2b79f5;
    let t = state[0]!;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n: number): number => Math.floor(next() * n);
  return {
    next,
    below,
    between: (min, max) => min + below(max - min + 1),
    chance: (p) => next() < p,
    pick: (items) => items[below(items.length)]!,
  };
}

/** FNV-1a over the string's UTF-16 code units: a text seed (e.g. two run ids) becomes a 32-bit one. */
function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
