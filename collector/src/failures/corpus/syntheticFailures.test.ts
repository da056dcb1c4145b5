import { describe, expect, it } from 'vitest';
import { FailureModel } from '../core/FailureModel.ts';
import { scoreClustering } from '../quality/clusteringScores.ts';
import { FAILURE_MODES, type FailureModeSpec } from './failureModes.ts';
import { syntheticFailures } from './syntheticFailures.ts';
import { TRAVEL_FAILURE_MODES } from './travelFailureModes.ts';

describe('clustering the synthetic corpus (pure, no store)', () => {
  it('has at least 12 failure modes over several tools, workflows and kinds', () => {
    expect(FAILURE_MODES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(FAILURE_MODES.map((mode) => mode.tool).filter(Boolean)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(FAILURE_MODES.map((mode) => mode.workflow)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(FAILURE_MODES.map((mode) => mode.kind))).toEqual(
      new Set(['failure', 'tool_error', 'escalation', 'correction', 'safety']),
    );
  });

  it('is reproducible from its seed and noisy within a mode', () => {
    const a = syntheticFailures({ count: 300, seed: 7 });
    expect(syntheticFailures({ count: 300, seed: 7 })).toEqual(a);
    const timeouts = a.records.filter((_, i) => a.truth[i] === 'orders_timeout').map((record) => record.text);
    expect(new Set(timeouts).size).toBeGreaterThan(timeouts.length * 0.8);
    expect(timeouts.some((text) => text.includes('\n    at '))).toBe(true);
  });

  it.each([
    ['support', 1, FAILURE_MODES],
    ['support', 2, FAILURE_MODES],
    ['support', 3, FAILURE_MODES],
    ['travel (written apart)', 1, TRAVEL_FAILURE_MODES],
    ['travel (written apart)', 2, TRAVEL_FAILURE_MODES],
  ] as Array<[string, number, readonly FailureModeSpec[]]>)(
    'recovers the failure modes of the %s corpus, seed %i, with ARI ≥ 0.85',
    (name, seed, modes) => {
      const { records, truth } = syntheticFailures({ count: 5000, seed, modes });
      const model = new FailureModel();
      const batch = model.assign(records);
      const clusterOf = new Map(batch.assignments.map((assignment) => [assignment.record.failureId, model.resolve(assignment.clusterId)]));
      const scores = scoreClustering(
        truth,
        records.map((record) => clusterOf.get(record.failureId)!),
      );
      console.log(
        `${name} corpus, seed ${seed}: ARI ${scores.adjustedRandIndex.toFixed(4)}, homogeneity ${scores.homogeneity.toFixed(4)}, completeness ${scores.completeness.toFixed(4)}, ${scores.modes} modes → ${scores.clusters} clusters`,
      );
      expect(scores.adjustedRandIndex).toBeGreaterThanOrEqual(0.85);
    },
  );
});
