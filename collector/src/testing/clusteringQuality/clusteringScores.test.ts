import { describe, expect, it } from 'vitest';
import { scoreClustering } from './clusteringScores.ts';

describe('scoreClustering', () => {
  it('scores a perfect clustering 1 whatever the cluster names', () => {
    expect(scoreClustering(['a', 'a', 'b', 'b'], ['x', 'x', 'y', 'y'])).toMatchObject({
      adjustedRandIndex: 1,
      homogeneity: 1,
      completeness: 1,
      modes: 2,
      clusters: 2,
    });
  });

  it('scores one cluster holding everything complete but not homogeneous', () => {
    const scores = scoreClustering(['a', 'a', 'b', 'b'], ['x', 'x', 'x', 'x']);
    expect(scores.completeness).toBe(1);
    expect(scores.homogeneity).toBe(0);
    expect(scores.adjustedRandIndex).toBe(0);
  });

  it('scores one cluster per item homogeneous but not complete', () => {
    const scores = scoreClustering(['a', 'a', 'b', 'b'], ['1', '2', '3', '4']);
    expect(scores.homogeneity).toBe(1);
    expect(scores.completeness).toBeCloseTo(1 / 2, 10);
  });

  it('matches the adjusted Rand index worked out by hand', () => {
    // Contingency [[2,1],[0,2]]: index 2, expected 4·4/10 = 1.6, max (4+4)/2 = 4 → ARI = 0.4 / 2.4.
    expect(scoreClustering(['a', 'a', 'a', 'b', 'b'], ['x', 'x', 'y', 'y', 'y']).adjustedRandIndex).toBeCloseTo(0.4 / 2.4, 10);
  });
});
