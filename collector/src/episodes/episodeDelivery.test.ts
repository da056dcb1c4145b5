import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCollector } from '../startCollector.ts';
import type { Store } from '../store/Store.ts';
import { startInProcessCollector, type InProcessCollector } from '../testing/inProcessCollector.ts';
import { otlpJson, otlpProtobuf, randomHexId, type TestSpan } from '../testing/otlpRequests.ts';

let harness: InProcessCollector;
let store: Store;
let collector: RunningCollector;

beforeAll(async () => {
  harness = await startInProcessCollector();
  ({ store, collector } = harness);
});
afterAll(() => harness.close());

/** One episode: a root, two tools (one failing), a chat call with tokens, a source event. */
function episodeSpans(traceId: string): { root: TestSpan; children: TestSpan[] } {
  const rootId = randomHexId(8);
  const start = 1_764_000_000_000_000_000n;
  return {
    root: {
      traceId,
      spanId: rootId,
      name: 'invoke_agent support',
      startNanos: start,
      durationNanos: 1_500_000_000n,
      attributes: {
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.name': 'support',
        'gen_ai.workflow.name': 'refund',
        'trumpets.episode.outcome': 'failure',
      },
      status: { code: 2, message: 'refund failed' },
    },
    children: [
      {
        traceId,
        spanId: randomHexId(8),
        parentSpanId: rootId,
        name: 'execute_tool lookup_order',
        startNanos: start + 1n,
        attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup_order' },
      },
      {
        traceId,
        spanId: randomHexId(8),
        parentSpanId: rootId,
        name: 'execute_tool issue_refund',
        startNanos: start + 2n,
        attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'issue_refund', 'error.type': 'RefundLimitExceeded' },
        status: { code: 2, message: 'over limit' },
      },
      {
        traceId,
        spanId: randomHexId(8),
        parentSpanId: rootId,
        name: 'chat gpt',
        startNanos: start + 3n,
        attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': 400, 'gen_ai.usage.output_tokens': 50 },
        events: [{ name: 'trumpets.source', attributes: { 'trumpets.source.id': 'kb-9', 'trumpets.source.tag': 'policy' } }],
      },
    ],
  };
}

async function send(spans: TestSpan[], encoding: 'json' | 'protobuf' = 'json'): Promise<void> {
  const response =
    encoding === 'json'
      ? await harness.post(JSON.stringify(otlpJson(spans)), { 'content-type': 'application/json' })
      : await harness.post(otlpProtobuf(spans), { 'content-type': 'application/x-protobuf' });
  expect(response.status).toBe(200);
}

async function episodeRows(traceId: string) {
  await collector.settle();
  const episodes = await store.query<Record<string, unknown>>(
    'SELECT Outcome, ToolCallCount, ToolErrorCount, InputTokens, OutputTokens, SourceCount, LatencyMs FROM episodes FINAL WHERE EpisodeId = {id:String}',
    { id: traceId },
  );
  const tools = await store.query<{ ToolName: string; Status: string }>(
    'SELECT ToolName, Status FROM tool_calls FINAL WHERE EpisodeId = {id:String} ORDER BY ToolName',
    { id: traceId },
  );
  const sources = await store.query<{ SourceId: string }>('SELECT SourceId FROM episode_sources FINAL WHERE EpisodeId = {id:String}', {
    id: traceId,
  });
  return { episodes, tools, sources };
}

const expected = {
  episodes: [
    { Outcome: 'failure', ToolCallCount: 2, ToolErrorCount: 1, InputTokens: '400', OutputTokens: '50', SourceCount: 1, LatencyMs: 1500 },
  ],
  tools: [
    { ToolName: 'issue_refund', Status: 'error' },
    { ToolName: 'lookup_order', Status: 'ok' },
  ],
  sources: [{ SourceId: 'kb-9' }],
};

describe('spans → episodes across deliveries', () => {
  it('assembles an episode delivered in one request', async () => {
    const traceId = randomHexId(16);
    const { root, children } = episodeSpans(traceId);
    await send([root, ...children]);
    expect(await episodeRows(traceId)).toEqual(expected);
  });

  it('assembles the same episode when children arrive first, split over requests and encodings, root last', async () => {
    const traceId = randomHexId(16);
    const { root, children } = episodeSpans(traceId);
    await send([children[2]!], 'protobuf');
    await collector.settle();
    expect((await episodeRows(traceId)).episodes).toEqual([]);
    await send([children[0]!]);
    await send([children[1]!], 'protobuf');
    await send([root]);
    expect(await episodeRows(traceId)).toEqual(expected);
  });

  it('counts a child that arrives after the episode was first assembled', async () => {
    const traceId = randomHexId(16);
    const { root, children } = episodeSpans(traceId);
    await send([root, children[0]!, children[2]!]);
    expect((await episodeRows(traceId)).episodes[0]).toMatchObject({ ToolCallCount: 1, ToolErrorCount: 0 });
    await send([children[1]!]);
    expect(await episodeRows(traceId)).toEqual(expected);
  });

  it('shows no duplicates when the same request is delivered twice', async () => {
    const traceId = randomHexId(16);
    const { root, children } = episodeSpans(traceId);
    await send([root, ...children]);
    await episodeRows(traceId);
    await send([root, ...children], 'protobuf');
    await send([children[1]!, children[1]!]);
    expect(await episodeRows(traceId)).toEqual(expected);
    const [spans] = await store.query<{ n: string }>('SELECT count() AS n FROM spans FINAL WHERE TraceId = {t:String}', { t: traceId });
    expect(spans?.n).toBe('4');
  });
});
