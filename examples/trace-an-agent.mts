import { recordCorrection, recordSource, setup, traceTools, withEpisode } from '@trumpets/instrumentation';

// OTLP/HTTP to TRUMPETS_ENDPOINT, else http://127.0.0.1:4318; pass `headers` when the collector wants a token.
const tracing = setup({ serviceName: 'support-bot', sampling: { successRate: 0.2 } });

const tools = traceTools({
  lookupOrder: async (orderId: string) => ({ orderId, amount: 312.5 }),
  issueRefund: async (amount: number) => {
    if (amount > 200) throw new RangeError(`amount ${amount} exceeds limit 200.00`);
    return 'RF-1';
  },
});

const { episodeId, answer } = await withEpisode(
  { agent: 'support', workflow: 'refund', input: 'Refund ORD-1 please. I am jane@example.com' },
  async (episode) => {
    const order = await tools.lookupOrder('ORD-1');
    recordSource({ id: 'kb-refunds', uri: 'kb://refunds', tag: 'policy', score: 0.9 });
    let answer: string;
    try {
      answer = `Refund ${await tools.issueRefund(order.amount)} issued.`;
    } catch {
      episode.escalate('refund above the automatic limit');
      answer = 'A colleague will approve your refund today.';
    }
    episode.setOutput(answer);
    return { episodeId: episode.episodeId, answer };
  },
);
console.log(`episode ${episodeId}: ${answer}`);

// Any time later, from any process that called setup(): a person corrects the episode.
recordCorrection(episodeId, {
  correctedOutput: 'Refund approved by a colleague.',
  reason: 'should have asked first',
  author: 'reviewer-7',
});
await tracing.shutdown(); // flushes; a process that ends on its own flushes too
