import { describe, expect, it } from 'vitest';
import { createRandom } from '../shared/random.ts';
import { averageRanks, hodgesLehmann, signedRankInterval, wilcoxonSignedRank } from './wilcoxonSignedRank.ts';

describe('Wilcoxon signed-rank test', () => {
  it('matches R on its own example (wilcox.test(x, y, paired = TRUE, exact = FALSE, correct = FALSE): V = 40, p = 0.03815)', () => {
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const result = wilcoxonSignedRank(x.map((value, i) => value - y[i]!));
    expect(result.statistic).toBe(40);
    expect(result.pValue).toBeCloseTo(0.03815, 4);
  });

  it('drops zeros from the sum but keeps them in the ranking (Pratt), and averages tied ranks', () => {
    expect(Array.from(averageRanks([0, 2, 2, 5]))).toEqual([1, 2.5, 2.5, 4]);
    // |d| ranks: 0→1, 1,1→2.5, 3→4; W+ = 2.5 + 4; mean (2.5+2.5+4)/2 = 4.5; variance (2·2.5² + 4²)/4
    const result = wilcoxonSignedRank([0, 1, -1, 3]);
    expect(result.nonZero).toBe(3);
    expect(result.statistic).toBe(6.5);
    expect(result.z).toBeCloseTo((6.5 - 4.5) / Math.sqrt(28.5 / 4), 10);
  });

  it('sees no shift in symmetric differences and a clear one when every case got slower', () => {
    expect(wilcoxonSignedRank([-3, -2, -1, 1, 2, 3]).pValue).toBeCloseTo(1, 10);
    expect(wilcoxonSignedRank([]).pValue).toBe(1);
    const slower = Array.from({ length: 30 }, (_, i) => 0.1 + i / 100);
    expect(wilcoxonSignedRank(slower).pValue).toBeLessThan(1e-5);
  });
});

describe('Hodges–Lehmann estimate', () => {
  it('is the median of the Walsh averages, found without listing them', () => {
    // Walsh averages of [1, 2, 3]: 1, 1.5, 2, 2, 2.5, 3
    expect(hodgesLehmann([1, 2, 3])).toBeCloseTo(2, 12);
    // Walsh averages of [0, 1, 10]: 0, 0.5, 1, 5, 5.5, 10 → median (1 + 5) / 2
    expect(hodgesLehmann([10, 0, 1])).toBeCloseTo(3, 12);
    const differences = Array.from({ length: 41 }, (_, i) => Math.round(Math.sin(i * 2.1) * 100) / 10);
    const walsh: number[] = [];
    for (let i = 0; i < differences.length; i++)
      for (let j = i; j < differences.length; j++) walsh.push((differences[i]! + differences[j]!) / 2);
    walsh.sort((a, b) => a - b);
    expect(hodgesLehmann(differences)).toBeCloseTo(walsh[(walsh.length - 1) / 2]!, 9);
  });
});

describe('signed-rank interval', () => {
  it('covers a true shift of 5 and is barely moved by one extreme case', () => {
    const differences = Array.from({ length: 60 }, (_, i) => 5 + Math.sin(i * 7.3) * 3);
    const interval = signedRankInterval(differences, 0.95);
    expect(interval[0]).toBeLessThan(5);
    expect(interval[1]).toBeGreaterThan(5);
    const withOutlier = signedRankInterval([...differences.slice(1), 10_000], 0.95);
    expect(Math.abs(withOutlier[0] - interval[0])).toBeLessThan(0.5);
    expect(Math.abs(withOutlier[1] - interval[1])).toBeLessThan(0.5);
  });

  it('without ties, lies within one Walsh average of the textbook interval', () => {
    const differences = Array.from({ length: 41 }, (_, i) => Math.sin(i * 2.1) * 10 + i / 1000);
    const walsh: number[] = [];
    for (let i = 0; i < differences.length; i++)
      for (let j = i; j < differences.length; j++) walsh.push((differences[i]! + differences[j]!) / 2);
    walsh.sort((a, b) => a - b);
    const below = Math.floor(walsh.length / 2 - 1.6448536 * Math.sqrt((41 * 42 * 83) / 24));
    const [lower, upper] = signedRankInterval(differences, 0.9);
    expect(lower).toBeGreaterThanOrEqual(walsh[below - 1]!);
    expect(lower).toBeLessThanOrEqual(walsh[below + 1]!);
    expect(upper).toBeGreaterThanOrEqual(walsh[walsh.length - 2 - below]!);
    expect(upper).toBeLessThanOrEqual(walsh[walsh.length - below]!);
  });

  it('excludes 0 exactly when the reported p-value is significant, however many latencies are equal', () => {
    // The case that disagreed before: 24 unchanged cases among 40, the rest slower by 1–4%.
    const slower = [...Array.from({ length: 24 }, () => 0), ...Array.from({ length: 16 }, (_, i) => Math.log(1.01 + i / 500))];
    const test = wilcoxonSignedRank(slower);
    expect(test.pValue).toBeLessThan(0.01);
    expect(signedRankInterval(slower, 0.95)[0]).toBeGreaterThan(0);

    const random = createRandom(13);
    let disagreements = 0;
    let significant = 0;
    for (let vector = 0; vector < 400; vector++) {
      // 30% zeros; the rest small log ratios on a coarse grid (ties), leaning slightly slower.
      const differences = Array.from({ length: 40 }, () => (random.next() < 0.3 ? 0 : Math.round((random.next() - 0.4) * 20) / 100));
      const p = wilcoxonSignedRank(differences).pValue;
      const [lower, upper] = signedRankInterval(differences, 0.95);
      if (p <= 0.05) significant++;
      if (p <= 0.05 !== (lower > 0 || upper < 0)) disagreements++;
    }
    expect(significant).toBeGreaterThan(40);
    expect(disagreements).toBe(0);
  });
});
