import { recordSource } from '../sources.ts';
import { traceTool } from '../tools.ts';
import type { Random } from './random.ts';

// The demo's tools fail the way real back ends do: named error classes with ids and amounts in the message.
export class OrderNotFound extends Error {
  override name = 'OrderNotFound';
}
export class RefundLimitExceeded extends Error {
  override name = 'RefundLimitExceeded';
}
export class CarrierTimeout extends Error {
  override name = 'CarrierTimeout';
}

export interface Order {
  id: string;
  customerId: string;
  amount: number;
  status: 'processing' | 'shipped' | 'delivered';
  daysSinceDelivery: number;
}

export interface RefundPolicy {
  eligible: boolean;
  limit: number;
  reason: string;
}

/** Auto-approved refunds stop here; larger ones need a person (which the agent forgets to check). */
const REFUND_LIMIT = 200;
const REFUND_WINDOW_DAYS = 30;

/** The support back end as the agent sees it: each tool traced, each record it reads noted as a source. */
export function createSupportDesk(random: Random) {
  const lookupOrder = traceTool('lookup_order', async (orderId: string, customerId: string): Promise<Order> => {
    if (random.chance(0.05)) throw new OrderNotFound(`no order ${orderId} for customer ${customerId}`);
    recordSource({ id: orderId, uri: `orders://${orderId}`, tag: 'order' });
    const status = random.pick(['processing', 'shipped', 'delivered', 'delivered', 'delivered'] as const);
    // Most orders are small; about a third are large enough to exceed the refund limit.
    const amount = random.chance(0.65) ? random.int(1500, 18000) / 100 : random.int(18000, 45000) / 100;
    return { id: orderId, customerId, amount, status, daysSinceDelivery: status === 'delivered' ? random.int(1, 40) : 0 };
  });

  const trackShipment = traceTool('track_shipment', async (order: Order): Promise<string> => {
    const tracking = `1Z${random.int(100000, 999999)}${random.int(1000, 9999)}`;
    if (random.chance(0.15)) throw new CarrierTimeout(`carrier api did not answer within 3000 ms (tracking ${tracking})`);
    return `order ${order.id} is in transit with UPS (tracking ${tracking}), expected in ${random.int(1, 5)} days`;
  });

  const checkRefundPolicy = traceTool('check_refund_policy', async (order: Order): Promise<RefundPolicy> => {
    recordSource({ id: 'policy-refunds-v3', uri: 'https://support.example.com/kb/refund-policy', tag: 'policy', score: 0.91 });
    if (order.status !== 'delivered') return { eligible: false, limit: REFUND_LIMIT, reason: 'not delivered yet' };
    if (order.daysSinceDelivery > REFUND_WINDOW_DAYS)
      return { eligible: false, limit: REFUND_LIMIT, reason: `delivered ${order.daysSinceDelivery} days ago` };
    return { eligible: true, limit: REFUND_LIMIT, reason: 'within the refund window' };
  });

  const issueRefund = traceTool('issue_refund', async (order: Order): Promise<string> => {
    if (order.amount > REFUND_LIMIT)
      throw new RefundLimitExceeded(`amount ${order.amount.toFixed(2)} exceeds limit ${REFUND_LIMIT.toFixed(2)} for order ${order.id}`);
    return `RF-${random.int(100000, 999999)}`;
  });

  const createTicket = traceTool('create_ticket', async (order: Order, reason: string): Promise<string> => {
    recordSource({ id: 'kb-escalation-guidelines', uri: 'https://support.example.com/kb/escalation', tag: 'guideline' });
    return `TCK-${random.int(10000, 99999)} (${reason}, order ${order.id})`;
  });

  return { lookupOrder, trackShipment, checkRefundPolicy, issueRefund, createTicket };
}

export type SupportDesk = ReturnType<typeof createSupportDesk>;
