import { createRandom as createSeededRandom } from '../../gates/stats/random.ts';

/** The seeded source of the gate's bootstrap, with the draws a simulation needs. */
export interface Random {
  next(): number;
  /** An integer in [0, n). */
  below(n: number): number;
  /** An integer in [min, max], both included. */
  between(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function createRandom(seed: number | string): Random {
  const source = createSeededRandom(seed);
  return {
    next: source.next,
    below: source.int,
    between: (min, max) => min + source.int(max - min + 1),
    chance: (p) => source.next() < p,
    pick: (items) => items[source.int(items.length)]!,
  };
}
