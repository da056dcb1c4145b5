import { describe, expect, it } from 'vitest';
import { clusterThroughStart } from '../../testing/clusteringQuality/clusterThroughStart.ts';
import { HELD_OUT_STYLE_MODES } from '../../testing/failureCorpus/heldOutStyleModes.ts';
import { syntheticFailures } from '../../testing/failureCorpus/syntheticFailures.ts';

describe('failure modes through `trumpets start` on a corpus written apart from the clustering', () => {
  it('places every failed episode in a mode and recovers 22 causes, half of them untyped, with ARI ≥ 0.85', async () => {
    // 1,200 of the 3,000 episodes `pnpm bench --held-out` sends: the same shape, a smaller bill.
    const corpus = syntheticFailures({ count: 1200, seed: 15, modes: HELD_OUT_STYLE_MODES, untypedShare: 0.5 });
    const { scores, unplaced, exitCode } = await clusterThroughStart(corpus);
    console.log(
      `through trumpets start: ARI ${scores.adjustedRandIndex.toFixed(4)}, homogeneity ${scores.homogeneity.toFixed(4)}, completeness ${scores.completeness.toFixed(4)}, ${scores.modes} causes → ${scores.clusters} modes`,
    );
    expect(exitCode).toBe(0);
    expect(unplaced).toBe(0);
    expect(scores.adjustedRandIndex).toBeGreaterThanOrEqual(0.85);
  });
});
