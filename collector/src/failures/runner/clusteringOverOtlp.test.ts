import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessCollector, type InProcessCollector } from '../../testing/inProcessCollector.ts';
import { otlpJson } from '../../testing/otlpRequests.ts';
import { failureEpisodeSpans } from '../../testing/failureCorpus/failureEpisodeSpans.ts';
import { PRODUCTION_FAILURE_MODES } from '../../testing/failureCorpus/productionFailureModes.ts';
import { syntheticFailures } from '../../testing/failureCorpus/syntheticFailures.ts';
import { scoreClustering } from '../../testing/clusteringQuality/clusteringScores.ts';

const TRACES_PER_REQUEST = 100;

describe('failure modes of episodes sent over OTLP (production-shaped corpus, half untyped)', () => {
  let harness: InProcessCollector;
  beforeAll(async () => {
    harness = await startInProcessCollector({ failureClusteringIntervalMs: 3_600_000 });
  });
  afterAll(async () => harness?.close());

  it('puts every failed episode in a mode and recovers the causes with ARI ≥ 0.85', async () => {
    const { records, truth } = syntheticFailures({ count: 1200, seed: 21, modes: PRODUCTION_FAILURE_MODES, untypedShare: 0.5 });
    for (let start = 0; start < records.length; start += TRACES_PER_REQUEST) {
      const spans = records.slice(start, start + TRACES_PER_REQUEST).flatMap((record, i) => failureEpisodeSpans(record, start + i));
      const response = await harness.post(JSON.stringify(otlpJson(spans)), { 'content-type': 'application/json' });
      expect(response.status).toBe(200);
    }
    await harness.collector.settle();
    const report = await harness.collector.failureClusterer.flush();
    expect(report.failures).toBe(records.length);

    const members = await harness.store.named<{ FailureId: string; clusterId: string }>('failure_bench_memberships');
    const clusterOf = new Map(members.map((row) => [row.FailureId, row.clusterId]));
    expect(records.every((record) => clusterOf.has(record.episodeId))).toBe(true);
    const scores = scoreClustering(
      truth,
      records.map((record) => clusterOf.get(record.episodeId)!),
    );
    console.log(
      `over OTLP: ARI ${scores.adjustedRandIndex.toFixed(4)}, homogeneity ${scores.homogeneity.toFixed(4)}, completeness ${scores.completeness.toFixed(4)}, ${scores.modes} causes → ${scores.clusters} modes`,
    );
    expect(scores.adjustedRandIndex).toBeGreaterThanOrEqual(0.85);
  });
});
