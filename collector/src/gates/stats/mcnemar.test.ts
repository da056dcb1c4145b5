import { describe, expect, it } from 'vitest';
import { mcnemarTest, pairedProportionInterval } from './mcnemar.ts';

describe('McNemar test', () => {
  it('gives the exact mid-p value for few discordant pairs: 8 lost, 1 gained gives 2·(1 + 9/2)/512', () => {
    const result = mcnemarTest({ n: 50, lost: 8, gained: 1 });
    expect(result.method).toBe('exact mid-p');
    expect(result.pValue).toBeCloseTo(11 / 512, 10);
  });

  it('is asymptotic from 25 discordant pairs (R: mcnemar.test(correct = FALSE) gives p = 0.001565 for 30 vs 10)', () => {
    const result = mcnemarTest({ n: 200, lost: 30, gained: 10 });
    expect(result.method).toBe('asymptotic');
    expect(result.pValue).toBeCloseTo(0.001565, 5);
  });

  it('finds no evidence when nothing changed or changes balance out', () => {
    expect(mcnemarTest({ n: 100, lost: 0, gained: 0 }).pValue).toBe(1);
    expect(mcnemarTest({ n: 100, lost: 6, gained: 6 }).pValue).toBe(1);
  });
});

describe('paired proportion interval (Agresti–Min)', () => {
  it('matches the hand computation: 100 cases, 10 lost, 2 gained', () => {
    // (2.5 − 10.5)/102 ± 1.959964·√((13 − 64/102)/102²)
    const [lower, upper] = pairedProportionInterval({ n: 100, lost: 10, gained: 2 }, 0.95);
    expect(lower).toBeCloseTo(-0.14602, 4);
    expect(upper).toBeCloseTo(-0.01084, 4);
  });

  it('is not zero-width when no case changed, so a tiny benchmark cannot claim certainty', () => {
    const [lower, upper] = pairedProportionInterval({ n: 10, lost: 0, gained: 0 }, 0.95);
    expect(lower).toBeLessThan(-0.05);
    expect(upper).toBeGreaterThan(0.05);
  });
});
