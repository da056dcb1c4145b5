import { createRandom, type Random } from '../../shared/random.ts';

/**
 * The seeded random source of shared/random.ts with makers for the variable parts real failure messages
 * carry: ids, amounts, durations, addresses. The same seed gives the same corpus.
 */
export class RandomSource {
  private readonly random: Random;

  constructor(seed: number) {
    this.random = createRandom(seed >>> 0);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.random.next();
  }

  /** An integer in [min, max], both included. */
  between(min: number, max: number): number {
    return this.random.between(min, max);
  }

  chance(p: number): boolean {
    return this.random.chance(p);
  }

  pick<T>(items: readonly T[]): T {
    return this.random.pick(items);
  }

  hex(chars: number): string {
    let text = '';
    for (let i = 0; i < chars; i++) text += Math.floor(this.next() * 16).toString(16);
    return text;
  }

  uuid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-a${this.hex(3)}-${this.hex(12)}`;
  }

  orderId(): string {
    return `ORD-${this.between(10000, 99999)}`;
  }

  amount(min = 10, max = 2000): string {
    return (min + this.next() * (max - min)).toFixed(2);
  }

  ip(): string {
    return `10.${this.between(0, 255)}.${this.between(0, 255)}.${this.between(1, 254)}`;
  }

  email(): string {
    return `${this.pick(['alice', 'bob', 'chen', 'dana', 'emeka', 'fatima'])}.${this.between(1, 999)}@${this.pick(['example.com', 'mail.test', 'corp.example'])}`;
  }

  isoTime(): string {
    return new Date(
      Date.UTC(2026, 10, this.between(1, 28), this.between(0, 23), this.between(0, 59), this.between(0, 59), this.between(0, 999)),
    ).toISOString();
  }
}
