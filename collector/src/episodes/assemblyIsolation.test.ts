import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeOtlpRequest } from '../otlp/index.ts';
import { startInProcessCollector, type InProcessCollector } from '../testing/inProcessCollector.ts';
import { otlpJson, randomHexId, type TestSpan } from '../testing/otlpRequests.ts';

let h: InProcessCollector;
beforeAll(async () => {
  h = await startInProcessCollector();
});
afterAll(() => h.close());

function agentTrace(agent: string): TestSpan[] {
  return [
    {
      traceId: randomHexId(16),
      spanId: randomHexId(8),
      name: 'invoke_agent',
      attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': agent },
    },
  ];
}

describe('episode assembly', () => {
  it('sets aside a trace whose rows the store refuses for good, and assembles the others of the same pass', async () => {
    // Handed to the assembler directly, past the request path that would have made the name well-formed.
    const traces = [agentTrace('ok-1'), agentTrace('bad \ud800'), agentTrace('ok-2'), agentTrace('ok-3')];
    const spans = traces.flatMap(
      (trace) => decodeOtlpRequest(Buffer.from(JSON.stringify(otlpJson(trace))), 'json', { maxNesting: 32 }).spans,
    );
    h.collector.assembler.addSpans(spans);
    await h.collector.assembler.flush();
    const rows = await h.store.query<{ Agent: string }>(
      'SELECT Agent FROM episodes FINAL WHERE TraceId IN {ids:Array(String)} ORDER BY Agent',
      {
        ids: traces.map((trace) => trace[0]!.traceId),
      },
    );
    expect(rows.map((row) => row.Agent)).toEqual(['ok-1', 'ok-2', 'ok-3']);
    expect(h.collector.assembler.stats.setAsideTraces).toBe(1);
    expect(h.collector.assembler.stats.pendingTraces).toBe(0);
  });
});
