import { describe, expect, it } from 'vitest';
import { spanTime } from './spanClock.ts';

const micros = ([seconds, nanos]: [number, number]) => seconds * 1e6 + nanos / 1000;

describe('spanTime', () => {
  it('gives calls made within one millisecond distinct, ordered times that are not behind the wall clock', () => {
    const readings: { wallMs: number; micros: number }[] = [];
    for (let i = 0; i < 1000; i++) {
      const wallMs = Date.now();
      readings.push({ wallMs, micros: micros(spanTime()) });
    }
    for (let i = 1; i < readings.length; i++) expect(readings[i]!.micros).toBeGreaterThan(readings[i - 1]!.micros);
    for (const reading of readings) expect(reading.micros).toBeGreaterThanOrEqual(reading.wallMs * 1000);
    expect(new Set(readings.map((reading) => Math.floor(reading.micros / 1000))).size).toBeLessThan(readings.length);
  });
});
