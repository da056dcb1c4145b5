import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OTLPTraceExporter as ProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { recordSource, setup, traceChat, traceTool, withEpisode } from '@trumpets/instrumentation';
import { runSampleAgent } from '@trumpets/instrumentation/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from './store/embeddedStore.ts';
import { startCollectorProcess, type CollectorProcess } from './testing/collectorProcess.ts';

/**
 * The whole path as a user runs it: the real `trumpets start` process, the tracer with the stock
 * OTLP exporters (JSON and protobuf) over loopback HTTP, then the episode rows checked by SQL
 * on the data directory the collector left behind.
 */
let dir: string;
let collector: CollectorProcess;
let store: EmbeddedStore;
const sent: Record<string, { episodes: number; failures: number }> = {};
let craftedEpisodeId = '';

async function runTraced(serviceName: string, exporter: 'json' | 'protobuf', work: () => Promise<void>): Promise<void> {
  const endpoint = `${collector.url}/v1/traces`;
  const tracing = setup(
    exporter === 'json' ? { serviceName, endpoint } : { serviceName, exporter: new ProtobufTraceExporter({ url: endpoint }) },
  );
  try {
    await work();
  } finally {
    await tracing.shutdown();
  }
}

/** An episode with known values: a tool that waits on a timer, a failing tool, a chat call, two sources. */
async function craftedEpisode(): Promise<void> {
  const lookupOrder = traceTool('lookup_order', async (id: string) => {
    await new Promise((resolve) => setTimeout(resolve, 30));
    recordSource({ id: `order:${id}`, uri: `orders://${id}`, tag: 'order' });
    return { id, total: 312.5 };
  });
  const issueRefund = traceTool('issue_refund', async (amount: number) => {
    throw new Error(`RefundLimitExceeded: amount ${amount} exceeds limit 200.00`);
  });
  await withEpisode({ agent: 'e2e-agent', workflow: 'refund', input: 'refund ORD-1 please', version: '2.0.0' }, async (episode) => {
    craftedEpisodeId = episode.episodeId;
    const order = await lookupOrder('ORD-1');
    recordSource({ id: 'kb-refunds', tag: 'policy', score: 0.8 });
    await traceChat({ provider: 'openai', model: 'gpt-4o-mini' }, async (chat) => chat.setUsage({ inputTokens: 321, outputTokens: 45 }));
    await issueRefund(order.total).catch(() => undefined);
    episode.setOutcome('escalated');
    episode.setOutput('handed to a human');
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trumpets-e2e-'));
  collector = await startCollectorProcess(dir);
  await runTraced('e2e-json', 'json', async () => {
    sent.json = await runSampleAgent({ episodes: 25, seed: 11 });
    await craftedEpisode();
  });
  await runTraced('e2e-protobuf', 'protobuf', async () => {
    sent.protobuf = await runSampleAgent({ episodes: 25, seed: 12 });
  });
  expect(await collector.stop()).toBe(0);
  store = new EmbeddedStore(dir);
});
afterAll(async () => {
  await collector?.stop();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('collector process end to end', () => {
  it('stores every episode each exporter sent, with failures counted as the agent saw them', async () => {
    const rows = await store.query<{ ServiceName: string; episodes: string; failures: string }>(
      `SELECT ServiceName, count() AS episodes, countIf(Outcome = 'failure') AS failures
       FROM episodes FINAL WHERE Agent != 'e2e-agent' GROUP BY ServiceName ORDER BY ServiceName`,
    );
    expect(rows).toEqual([
      { ServiceName: 'e2e-json', episodes: String(sent.json!.episodes), failures: String(sent.json!.failures) },
      { ServiceName: 'e2e-protobuf', episodes: String(sent.protobuf!.episodes), failures: String(sent.protobuf!.failures) },
    ]);
  });

  // Durations are checked against each other, never against the timer's delay: timers may fire
  // early against the span clock, so "slept 30 ms" does not mean "30 ms".
  it('records outcome, tools, sources, tokens and latency of a known episode', async () => {
    const [episode] = await store.query<Record<string, unknown>>(
      `SELECT Agent, AgentVersion, Workflow, Outcome, Input, Output, InputTokens, OutputTokens, LlmCallCount,
              ToolCallCount, ToolErrorCount, SourceCount, LatencyMs
       FROM episodes FINAL WHERE EpisodeId = {id:String}`,
      { id: craftedEpisodeId },
    );
    const { LatencyMs: latencyMs, ...recorded } = episode!;
    expect(recorded).toEqual({
      Agent: 'e2e-agent',
      AgentVersion: '2.0.0',
      Workflow: 'refund',
      Outcome: 'escalated',
      Input: 'refund ORD-1 please',
      Output: 'handed to a human',
      InputTokens: '321',
      OutputTokens: '45',
      LlmCallCount: 1,
      ToolCallCount: 2,
      ToolErrorCount: 1,
      SourceCount: 2,
    });
    const tools = await store.query<{ ToolName: string; Status: string; ErrorMessage: string; DurationMs: number }>(
      'SELECT ToolName, Status, ErrorMessage, DurationMs FROM tool_calls FINAL WHERE EpisodeId = {id:String} ORDER BY StartTime',
      { id: craftedEpisodeId },
    );
    expect(tools.map(({ ToolName, Status, ErrorMessage }) => ({ ToolName, Status, ErrorMessage }))).toEqual([
      { ToolName: 'lookup_order', Status: 'ok', ErrorMessage: '' },
      { ToolName: 'issue_refund', Status: 'error', ErrorMessage: 'RefundLimitExceeded: amount 312.5 exceeds limit 200.00' },
    ]);
    // The tools ran one after the other inside the episode, so together they took no longer than it did.
    for (const tool of tools) expect(tool.DurationMs).toBeGreaterThanOrEqual(0);
    expect(latencyMs).toBeGreaterThanOrEqual(tools.reduce((sum, tool) => sum + tool.DurationMs, 0));
    const sources = await store.query(
      'SELECT SourceId, Uri, Tag, Score FROM episode_sources FINAL WHERE EpisodeId = {id:String} ORDER BY SourceId',
      {
        id: craftedEpisodeId,
      },
    );
    expect(sources).toEqual([
      { SourceId: 'kb-refunds', Uri: '', Tag: 'policy', Score: 0.8 },
      { SourceId: 'order:ORD-1', Uri: 'orders://ORD-1', Tag: 'order', Score: null },
    ]);
  });

  it('shuts down gracefully on SIGTERM, logging why', () => {
    expect(collector.logs.some((entry) => entry.msg === 'shutting down' && entry.signal === 'SIGTERM')).toBe(true);
  });
});
