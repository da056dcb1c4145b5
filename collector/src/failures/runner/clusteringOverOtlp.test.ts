import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessCollector, type InProcessCollector } from '../../testing/inProcessCollector.ts';
import { otlpJson, type TestSpan } from '../../testing/otlpRequests.ts';
import type { FailureRecord } from '../core/FailureRecord.ts';
import { PRODUCTION_FAILURE_MODES } from '../../testing/failureCorpus/productionFailureModes.ts';
import { syntheticFailures } from '../../testing/failureCorpus/syntheticFailures.ts';
import { scoreClustering } from '../../testing/clusteringQuality/clusteringScores.ts';

const TRACES_PER_REQUEST = 100;
const BASE_NANOS = 1_764_000_000_000_000_000n;

/**
 * One failed episode as an agent's tracer sends it: an `invoke_agent` root and, when a tool
 * failed, an `execute_tool` child, both with error status. The type travels as `error.type`, as
 * an `exception` event only, or not at all, the way different throw sites record it.
 */
function spansOf(record: FailureRecord, index: number): TestSpan[] {
  const traceId = record.episodeId;
  const rootId = traceId.slice(0, 16);
  const startNanos = BASE_NANOS + BigInt(index) * 1_000_000n;
  const typed = record.errorType !== '';
  const asEvent = typed && index % 3 === 0;
  const error = (attributes: Record<string, string>) =>
    typed && !asEvent ? { ...attributes, 'error.type': record.errorType } : attributes;
  const events = asEvent
    ? [{ name: 'exception', attributes: { 'exception.type': record.errorType, 'exception.message': record.text } }]
    : [];
  const spans: TestSpan[] = [
    {
      traceId,
      spanId: rootId,
      name: `invoke_agent ${record.agent}`,
      startNanos,
      attributes: error({
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.name': record.agent,
        'gen_ai.agent.version': record.agentVersion,
        'gen_ai.workflow.name': record.workflow,
      }),
      status: { code: 2, message: record.text },
      events,
    },
  ];
  if (record.tool !== '') {
    spans.push({
      traceId,
      spanId: `${traceId.slice(16, 31)}1`,
      parentSpanId: rootId,
      name: `execute_tool ${record.tool}`,
      startNanos: startNanos + 1000n,
      attributes: error({ 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': record.tool }),
      status: { code: 2, message: record.text },
      events,
    });
  }
  return spans;
}

describe('failure modes of episodes sent over OTLP (production-shaped corpus, half untyped)', () => {
  let harness: InProcessCollector;
  beforeAll(async () => {
    harness = await startInProcessCollector({ failureClusteringIntervalMs: 3_600_000 });
  });
  afterAll(async () => harness?.close());

  it('puts every failed episode in a mode and recovers the causes with ARI ≥ 0.85', async () => {
    const { records, truth } = syntheticFailures({ count: 1200, seed: 21, modes: PRODUCTION_FAILURE_MODES, untypedShare: 0.5 });
    for (let start = 0; start < records.length; start += TRACES_PER_REQUEST) {
      const spans = records.slice(start, start + TRACES_PER_REQUEST).flatMap((record, i) => spansOf(record, start + i));
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
