import { traceChat } from '../chat.ts';
import { withEpisode } from '../episode.ts';
import type { Episode } from '../episodeHandle.ts';
import { createRandom } from './random.ts';
import type { Random } from './random.ts';
import { createSupportDesk } from './supportDesk.ts';
import type { Order, SupportDesk } from './supportDesk.ts';

export interface SampleAgentOptions {
  /** How many episodes to run, one after another. */
  episodes: number;
  /** Same seed, same episodes (ids and times aside). Default: 1. */
  seed?: number;
}

export interface SampleAgentResult {
  episodes: number;
  /** Episodes that ended as `failure` (their error escaped the agent). */
  failures: number;
}

export const SAMPLE_AGENT = { name: 'support-agent', version: '1.4.0', releaseId: 'rel-support-1.4.0' } as const;

type Workflow = 'order_status' | 'refund' | 'escalation';

/**
 * Simulates a small customer-support agent so there is traffic to look at: each episode routes a
 * customer message to a workflow, asks the model once, calls one to three tools and ends as
 * success, failure or escalated (roughly 80 / 10 / 10). Spans go to the globally registered
 * provider: call setup() first, and flush or shut it down afterwards.
 */
export async function runSampleAgent(options: SampleAgentOptions): Promise<SampleAgentResult> {
  const random = createRandom(options.seed ?? 1);
  const desk = createSupportDesk(random);
  let failures = 0;
  for (let n = 0; n < options.episodes; n++) {
    const roll = random.next();
    const workflow: Workflow = roll < 0.5 ? 'order_status' : roll < 0.9 ? 'refund' : 'escalation';
    const orderId = `ORD-${random.int(1000, 9999)}`;
    const customerId = `C-${random.int(1000, 9999)}`;
    try {
      await withEpisode(
        {
          agent: SAMPLE_AGENT.name,
          version: SAMPLE_AGENT.version,
          releaseId: SAMPLE_AGENT.releaseId,
          workflow,
          conversationId: `conv-${customerId}`,
          input: customerMessage(workflow, orderId, random),
        },
        (episode) => handle(episode, workflow, orderId, customerId, desk, random),
      );
    } catch {
      // The episode already recorded the error as its failure; the simulation moves on.
      failures++;
    }
    // A turn of the event loop (not a sleep): without real I/O the loop would starve the batch
    // exporter, whose queue then fills up and drops spans.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { episodes: options.episodes, failures };
}

async function handle(
  episode: Episode,
  workflow: Workflow,
  orderId: string,
  customerId: string,
  desk: SupportDesk,
  random: Random,
): Promise<void> {
  await traceChat({ provider: 'openai', model: 'gpt-4o-mini' }, () => ({
    plan: workflow,
    usage: { inputTokens: random.int(400, 1600), outputTokens: random.int(60, 320) },
  }));
  const order = await desk.lookupOrder(orderId, customerId);
  episode.setOutput(await answer(workflow, order, desk));
  if (workflow === 'escalation') episode.setOutcome('escalated');
}

async function answer(workflow: Workflow, order: Order, desk: SupportDesk): Promise<string> {
  switch (workflow) {
    case 'order_status':
      if (order.status === 'processing') return `Order ${order.id} is being prepared and ships soon.`;
      if (order.status === 'delivered') return `Order ${order.id} was delivered ${order.daysSinceDelivery} days ago.`;
      return `Your ${await desk.trackShipment(order)}.`;
    case 'refund': {
      const policy = await desk.checkRefundPolicy(order);
      if (!policy.eligible) return `Order ${order.id} cannot be refunded: ${policy.reason}.`;
      // The agent's known flaw: it never compares the amount with policy.limit, so large refunds fail.
      const refundId = await desk.issueRefund(order);
      return `Refund ${refundId} of ${order.amount.toFixed(2)} issued for order ${order.id}.`;
    }
    case 'escalation':
      return `I have passed this to a colleague: ticket ${await desk.createTicket(order, 'customer asked for a person')}.`;
  }
}

function customerMessage(workflow: Workflow, orderId: string, random: Random): string {
  const messages: Record<Workflow, readonly [string, ...string[]]> = {
    order_status: [`Where is my order ${orderId}?`, `Has ${orderId} shipped yet?`, `Any update on order ${orderId}?`],
    refund: [`I want a refund for ${orderId}.`, `Please refund order ${orderId}, it arrived broken.`],
    escalation: [`Let me talk to a human about ${orderId}.`, `This is the third time I ask about ${orderId}. Get me a manager.`],
  };
  return random.pick(messages[workflow]);
}
