import { traceChat, type Episode } from '@trumpets/instrumentation';
import type { SupportConfig } from './supportConfig.ts';
import type { Draws, Order, SupportDesk } from './supportDesk.ts';
import type { VirtualClock } from './virtualClock.ts';

export const WORKFLOWS = ['refund', 'order_status', 'policy'] as const;
export type Workflow = (typeof WORKFLOWS)[number];

/** The workflow a customer message routes to, as the agent's router decides it. */
export function workflowOf(message: string): Workflow {
  if (/refund|money back/i.test(message)) return 'refund';
  if (/ORD-\d+/.test(message)) return 'order_status';
  return 'policy';
}

/**
 * Answers one customer message by the config it is given: plans with the model, calls its tools,
 * answers with the model, and checks its own answer for staff-only text (a guardrail that flags
 * the episode). A tool error it does not handle escapes, and the episode records it as a failure.
 */
export async function answerCustomer(
  message: string,
  config: SupportConfig,
  episode: Episode,
  tools: { desk: SupportDesk; clock: VirtualClock; draws: Draws },
): Promise<string> {
  const { desk, draws } = tools;
  const workflow = workflowOf(message);
  await askModel(config, tools, 900, 'plan');
  if (/human|manager|person/i.test(message)) {
    episode.escalate('the customer asked for a person');
    return 'I have passed this to a colleague, who will write to you today.';
  }
  const draft = await draftAnswer(workflow, message, config);
  const answer = await askModel(config, tools, 1400, draft);
  if (answer.includes('INTERNAL:')) episode.flagSafety('internal_data_disclosure', 'the answer quoted a staff-only note');
  episode.setOutput(answer);
  return answer;

  async function draftAnswer(flow: Workflow, text: string, settings: SupportConfig): Promise<string> {
    switch (flow) {
      case 'refund': {
        const order = await desk.lookupOrder(orderIdOf(text), draws);
        const policy = await desk.checkRefundPolicy(order, draws);
        if (!policy.eligible) return `Order ${order.id} cannot be refunded: ${policy.reason}.`;
        return refund(order, settings);
      }
      case 'order_status': {
        const order = await desk.lookupOrder(orderIdOf(text), draws);
        if (order.status === 'processing') return `Order ${order.id} is being prepared and ships soon.`;
        if (order.status === 'delivered') return `Order ${order.id} was delivered ${order.daysSinceDelivery} days ago.`;
        return `Your ${await track(order, settings.orderStatus.carrierRetries)}.`;
      }
      case 'policy': {
        const article = await desk.searchPolicy(text, draws);
        return settings.policy.quoteInternalNotes ? `${article.answer} ${article.internalNote}` : article.answer;
      }
    }
  }

  async function refund(order: Order, settings: SupportConfig): Promise<string> {
    const limit = settings.refund.autoApproveLimit;
    if (settings.refund.checkLimitFirst && order.amount > limit) {
      const approval = await desk.requestApproval(order, draws);
      return `A refund of ${order.amount.toFixed(2)} needs a colleague's approval; I have asked for it (${approval}).`;
    }
    const refundId = await desk.issueRefund(order, limit, draws);
    return `Refund ${refundId} of ${order.amount.toFixed(2)} issued for order ${order.id}.`;
  }

  async function track(order: Order, retries: number): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await desk.trackShipment(order, draws);
      } catch (error) {
        if (attempt >= retries) throw error;
      }
    }
  }
}

/** One model call: simulated latency and token use, the answer passed through. */
async function askModel(config: SupportConfig, tools: { clock: VirtualClock; draws: Draws }, promptTokens: number, text: string) {
  return traceChat({ provider: 'openai', model: config.model }, () => {
    tools.clock.advance(tools.draws.latency.between(250, 1800));
    const promptWords = config.prompt.system.join(' ').split(/\s+/).length;
    return {
      text,
      usage: {
        inputTokens: promptTokens + promptWords * 2 + tools.draws.faults.between(0, 400),
        outputTokens: tools.draws.faults.between(40, 260),
      },
    };
  }).then((reply) => reply.text);
}

function orderIdOf(message: string): string {
  return /ORD-\d+/.exec(message)?.[0] ?? 'ORD-0000';
}
