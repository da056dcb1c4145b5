/**
 * A seeded pseudo-random source (mulberry32): the same seed gives the same bootstrap resamples,
 * so a stored gate decision can be recomputed exactly. Not for anything secret.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
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
  return { next, int: (n) => Math.floor(next() * n) };
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
