/**
 * A seeded random source (mulberry32) with makers for the variable parts real failure messages
 * carry: ids, amounts, durations, addresses. The same seed gives the same corpus.
 */
export class RandomSource {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
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
    return `ORD-${this.int(10000, 99999)}`;
  }

  amount(min = 10, max = 2000): string {
    return (min + this.next() * (max - min)).toFixed(2);
  }

  ip(): string {
    return `10.${this.int(0, 255)}.${this.int(0, 255)}.${this.int(1, 254)}`;
  }

  email(): string {
    return `${this.pick(['alice', 'bob', 'chen', 'dana', 'emeka', 'fatima'])}.${this.int(1, 999)}@${this.pick(['example.com', 'mail.test', 'corp.example'])}`;
  }

  isoTime(): string {
    return new Date(Date.UTC(2026, 10, this.int(1, 28), this.int(0, 23), this.int(0, 59), this.int(0, 59), this.int(0, 999))).toISOString();
  }
}
