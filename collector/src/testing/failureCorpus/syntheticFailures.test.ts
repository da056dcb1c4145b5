import { describe, expect, it } from 'vitest';
import { FailureModel } from '../../failures/core/FailureModel.ts';
import { scoreClustering } from '../clusteringQuality/clusteringScores.ts';
import { FAILURE_MODES, type FailureModeSpec } from './failureModes.ts';
import { syntheticFailures } from './syntheticFailures.ts';
import { PRODUCTION_FAILURE_MODES } from './productionFailureModes.ts';
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

  it('records half the production corpus untyped, some rows naming their type only in the message', () => {
    const { records } = syntheticFailures({ count: 2000, seed: 5, modes: PRODUCTION_FAILURE_MODES, untypedShare: 0.5 });
    const untyped = records.filter((record) => record.errorType === '' || record.errorType === 'Error');
    expect(untyped.length / records.length).toBeGreaterThan(0.45);
    expect(untyped.length / records.length).toBeLessThan(0.55);
    expect(untyped.some((record) => /^(?:\[req \w+\] )?[A-Z]\w+Error: /.test(record.text))).toBe(true);
    expect(untyped.some((record) => / Exception: /.test(record.text))).toBe(true);
    expect(new Set(records.map((record) => record.tool).filter(Boolean)).size).toBe(8);
    expect(new Set(records.map((record) => record.workflow)).size).toBe(7);
    expect(new Set(records.map((record) => record.agent)).size).toBe(4);
  });

  it.each([
    ['support', 1, FAILURE_MODES, 0],
    ['support', 2, FAILURE_MODES, 0],
    ['support', 3, FAILURE_MODES, 0],
    ['travel (written apart)', 1, TRAVEL_FAILURE_MODES, 0],
    ['travel (written apart)', 2, TRAVEL_FAILURE_MODES, 0],
    ['production-shaped (half untyped)', 1, PRODUCTION_FAILURE_MODES, 0.5],
    ['production-shaped (half untyped)', 2, PRODUCTION_FAILURE_MODES, 0.5],
    ['production-shaped (half untyped)', 3, PRODUCTION_FAILURE_MODES, 0.5],
    ['support, half untyped,', 1, FAILURE_MODES, 0.5],
    ['travel, half untyped,', 1, TRAVEL_FAILURE_MODES, 0.5],
  ] as Array<[string, number, readonly FailureModeSpec[], number]>)(
    'recovers the failure modes of the %s corpus, seed %i, with ARI ≥ 0.85',
    (name, seed, modes, untypedShare) => {
      const { records, truth } = syntheticFailures({ count: 3000, seed, modes, untypedShare });
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
