import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessCollector, type InProcessCollector } from '../testing/inProcessCollector.ts';
import { otlpJson, randomHexId, type TestSpan } from '../testing/otlpRequests.ts';

/**
 * Odd input between ordinary traffic: text cut at a limit inside an emoji, lone surrogates,
 * skewed times, out-of-range token counts. The oracle: the ordinary episodes sent afterwards
 * are stored, and the odd spans are stored, rejected with partial_success, or held, never stuck.
 */
let h: InProcessCollector;
beforeAll(async () => {
  h = await startInProcessCollector();
});
afterAll(() => h.close());

const NOW_NANOS = BigInt(Date.now()) * 1_000_000n;
const DAY_NANOS = 86_400_000_000_000n;

/** An agent episode: an invoke_agent root and one chat call under it. */
function episode(root: Record<string, string | number> = {}, chat: Record<string, string | number> = {}): TestSpan[] {
  const traceId = randomHexId(16);
  const rootId = randomHexId(8);
  return [
    {
      traceId,
      spanId: rootId,
      name: 'invoke_agent support',
      startNanos: NOW_NANOS,
      attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'odd-input', ...root },
    },
    {
      traceId,
      spanId: randomHexId(8),
      parentSpanId: rootId,
      name: 'chat gpt',
      startNanos: NOW_NANOS,
      attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', ...chat },
    },
  ];
}

async function post(body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await h.post(typeof body === 'string' ? body : JSON.stringify(body), { 'content-type': 'application/json' });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Ten ordinary episodes, sent after the odd ones: all must be assembled. */
async function expectOrdinaryTrafficStored(): Promise<void> {
  const traceIds: string[] = [];
  for (let i = 0; i < 10; i++) {
    const spans = episode({ 'trumpets.episode.output': `ordinary ${i}` }, { 'gen_ai.usage.input_tokens': 12 });
    traceIds.push(spans[0]!.traceId);
    expect((await post(otlpJson(spans))).status).toBe(200);
  }
  await h.collector.settle();
  const [row] = await h.store.query<{ n: string }>('SELECT count() AS n FROM episodes FINAL WHERE TraceId IN {ids:Array(String)}', {
    ids: traceIds,
  });
  expect(Number(row!.n)).toBe(10);
}

describe('odd input never stalls ingest', () => {
  it('cuts an attribute at the length limit without splitting an emoji, and keeps the rest of the pipeline moving', async () => {
    const spans = episode({ 'trumpets.episode.output': `${'a'.repeat(16_383)}😀` });
    expect((await post(otlpJson(spans))).status).toBe(200);
    await expectOrdinaryTrafficStored();
    const [span] = await h.store.query<{ output: string; truncated: string }>(
      "SELECT SpanAttributes['trumpets.episode.output'] AS output, SpanAttributes['trumpets.limits.truncated_attributes'] AS truncated FROM spans FINAL WHERE TraceId = {id:String} AND SpanId = {span:String}",
      { id: spans[0]!.traceId, span: spans[0]!.spanId },
    );
    expect(span!.output).toBe('a'.repeat(16_383));
    expect(span!.truncated).toBe('trumpets.episode.output');
  });

  it('stores text with lone surrogates from an OTLP/JSON body as U+FFFD', async () => {
    const spans = episode({ 'trumpets.episode.output': 'PLACEHOLDER' });
    const body = JSON.stringify(otlpJson(spans))
      .replace('PLACEHOLDER', 'before \\ud800 after')
      .replace('invoke_agent support', 'agent \\udc00');
    expect((await post(body)).status).toBe(200);
    await expectOrdinaryTrafficStored();
    const [span] = await h.store.query<{ output: string; name: string }>(
      "SELECT SpanAttributes['trumpets.episode.output'] AS output, SpanName AS name FROM spans FINAL WHERE SpanId = {span:String}",
      { span: spans[0]!.spanId },
    );
    expect(span).toEqual({ output: 'before \ufffd after', name: 'agent \ufffd' });
  });

  it('rejects spans with implausible times through partial_success and stores the plausible ones', async () => {
    const traceId = randomHexId(16);
    // 1972 and 13 years ago are too old, tomorrow and 2081 too far ahead; the rest is stored.
    const days = [-20_000n, -5000n, -400n, -3n, 0n, 1n, 20_000n];
    const spans: TestSpan[] = days.map((day) => ({
      traceId,
      spanId: randomHexId(8),
      name: 'execute_tool lookup',
      startNanos: NOW_NANOS + day * DAY_NANOS,
      attributes: { 'gen_ai.operation.name': 'execute_tool' },
    }));
    const answer = await post(otlpJson(spans));
    expect(answer.status).toBe(200);
    expect(Number((answer.body.partialSuccess as { rejectedSpans: string }).rejectedSpans)).toBe(4);
    expect(String((answer.body.partialSuccess as { errorMessage: string }).errorMessage)).toMatch(/TRUMPETS_MAX_SPAN_AGE_DAYS/);
    await expectOrdinaryTrafficStored();
    const [row] = await h.store.query<{ n: string }>('SELECT count() AS n FROM spans FINAL WHERE TraceId = {id:String}', { id: traceId });
    expect(Number(row!.n)).toBe(3);
  });

  it('clamps out-of-range token counts, flags the span, and assembles every episode', async () => {
    const odd = ['99999999999999999999999', '1e30', '-5', 'abc'].map((value) => {
      const spans = episode();
      const body = otlpJson(spans);
      const chat = body.resourceSpans[0]!.scopeSpans[0]!.spans[1]!;
      chat.attributes.push({ key: 'gen_ai.usage.input_tokens', value: { intValue: value } as never });
      return { body, traceId: spans[0]!.traceId, chatSpanId: spans[1]!.spanId };
    });
    for (const { body } of odd) expect((await post(body)).status).toBe(200);
    await expectOrdinaryTrafficStored();
    const rows = await h.store.query<{ TraceId: string; InputTokens: string }>(
      'SELECT TraceId, InputTokens FROM episodes FINAL WHERE TraceId IN {ids:Array(String)}',
      { ids: odd.map((o) => o.traceId) },
    );
    expect(rows).toHaveLength(odd.length);
    const tokens = new Map(rows.map((row) => [row.TraceId, Number(row.InputTokens)]));
    expect(tokens.get(odd[0]!.traceId)).toBe(Number.MAX_SAFE_INTEGER);
    expect(tokens.get(odd[2]!.traceId)).toBe(0);
    const [flag] = await h.store.query<{ clamped: string }>(
      "SELECT SpanAttributes['trumpets.limits.clamped_attributes'] AS clamped FROM spans FINAL WHERE SpanId = {span:String}",
      { span: odd[0]!.chatSpanId },
    );
    expect(flag!.clamped).toBe('gen_ai.usage.input_tokens');
  });
});
