import { otlpProtobuf, type TestSpan } from '@trumpets/collector/testing';

/**
 * Realistic episode traces for benchmarks: a root, five tool calls, two chat calls and two
 * retrievals (10 spans, ~10 attributes each), encoded as OTLP protobuf requests of
 * `spansPerRequest` spans, the size the stock batch processor sends (512 at most). Ids count up
 * from `firstId`, so calls with distinct ranges never share an id.
 */
export function syntheticRequests(episodes: number, spansPerRequest = 500, firstId = 0): { bodies: Buffer[]; spans: number } {
  const spans: TestSpan[] = [];
  // Ids from a counter: unique by construction, so the stored count must equal the sent count.
  let counter = firstId;
  const hex = (bytes: number) => (++counter).toString(16).padStart(bytes * 2, '0');
  const base = 1_764_000_000_000_000_000n;
  for (let e = 0; e < episodes; e++) {
    const traceId = hex(16);
    const rootId = hex(8);
    const start = base + BigInt(e) * 1_000_000n;
    const failed = e % 7 === 0;
    spans.push({
      traceId,
      spanId: rootId,
      name: 'invoke_agent support',
      startNanos: start,
      durationNanos: 2_000_000_000n,
      attributes: {
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.name': 'support',
        'gen_ai.agent.version': '1.4.0',
        'gen_ai.workflow.name': e % 3 === 0 ? 'refund' : 'order_status',
        'gen_ai.conversation.id': `conv-${e}`,
        'trumpets.release.id': 'rel-1.4.0',
        'trumpets.episode.input': `Where is my order ORD-${e}? I ordered it last week and it has not arrived yet.`,
        'trumpets.episode.output': failed ? '' : `Your order ORD-${e} is on its way and should arrive on Friday.`,
        'trumpets.episode.outcome': failed ? 'failure' : 'success',
      },
      status: failed ? { code: 2, message: `RefundLimitExceeded: amount 312.50 exceeds limit 200.00 for order ORD-${e}` } : undefined,
    });
    for (let t = 0; t < 5; t++) {
      spans.push({
        traceId,
        spanId: hex(8),
        parentSpanId: rootId,
        name: `execute_tool tool_${t}`,
        startNanos: start + BigInt(t) * 1000n,
        attributes: {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': `tool_${t}`,
          'gen_ai.tool.call.id': `call_${hex(6)}`,
          'gen_ai.tool.call.arguments': `{"orderId":"ORD-${e}","verbose":false}`,
          'gen_ai.agent.name': 'support',
        },
        events:
          t === 0
            ? [{ name: 'trumpets.source', attributes: { 'trumpets.source.id': `kb-${e % 50}`, 'trumpets.source.tag': 'policy' } }]
            : [],
      });
    }
    for (let c = 0; c < 2; c++) {
      spans.push({
        traceId,
        spanId: hex(8),
        parentSpanId: rootId,
        name: 'chat gpt-4o-mini',
        startNanos: start + 10_000n + BigInt(c),
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': 'gpt-4o-mini',
          'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
          'gen_ai.usage.input_tokens': 600 + (e % 100),
          'gen_ai.usage.output_tokens': 80 + (e % 20),
          'gen_ai.response.finish_reasons': '["stop"]',
        },
      });
    }
    for (let r = 0; r < 2; r++) {
      spans.push({
        traceId,
        spanId: hex(8),
        parentSpanId: rootId,
        name: 'retrieval kb',
        startNanos: start + 20_000n + BigInt(r),
        attributes: {
          'gen_ai.operation.name': 'retrieval',
          'gen_ai.data_source.id': 'kb-index',
          'gen_ai.retrieval.query.text': `refund policy for order ORD-${e}`,
          'gen_ai.retrieval.documents': `[{"id":"doc-${e % 97}","score":0.82},{"id":"doc-${e % 89}","score":0.61}]`,
        },
      });
    }
  }
  const bodies: Buffer[] = [];
  for (let i = 0; i < spans.length; i += spansPerRequest) bodies.push(otlpProtobuf(spans.slice(i, i + spansPerRequest), 'bench-agent'));
  return { bodies, spans: spans.length };
}
