import type { FailureKind } from '../../failures/core/FailureRecord.ts';
import type { RandomSource } from './randomSource.ts';

/** One known failure mode of the synthetic corpus: where it happens and the ways it is worded. */
export interface FailureModeSpec {
  name: string;
  kind: FailureKind;
  agent: string;
  workflow: string;
  tool: string;
  /** As the instrumentation records it: '' when the span carried no `error.type`. */
  errorType: string;
  /** Relative frequency in the corpus. */
  weight: number;
  /** Different wordings of the same failure, each filling in fresh variable parts. */
  wordings: ReadonlyArray<(r: RandomSource) => string>;
  /** Some messages of this mode come with a stack trace of this runtime. */
  stack?: 'js' | 'python' | 'java';
}

/**
 * Seventeen failure modes across five workflows, nine tools and every failure kind. Hard cases on
 * purpose: rewordings under one specific error type, two modes under one generic error type on the
 * same tool (told apart by text only), messages with no error type at all, stack traces, and
 * human-written reasons that differ in wording.
 */
export const FAILURE_MODES: readonly FailureModeSpec[] = [
  mode('refund_limit', 'failure', 'support-bot', 'refund', 'payments.refund', 'RefundLimitExceeded', 9, [
    (r) => `Refund of $${r.amount(200, 900)} for order ${r.orderId()} exceeds the agent limit of $200.00`,
    (r) => `refund amount ${r.amount(200, 900)} USD is above the allowed maximum (200.00 USD) for ${r.orderId()}`,
    (r) => `Cannot refund ${r.orderId()}: amount exceeds limit`,
  ]),
  mode(
    'orders_timeout',
    'failure',
    'support-bot',
    'order_status',
    'orders.lookup',
    'TimeoutError',
    12,
    [
      (r) => `Request to https://orders.internal/api/v2/orders/${r.orderId()} timed out after ${r.between(30000, 30100)}ms`,
      (r) => `orders service did not respond within ${r.between(20, 30)} s (request id ${r.uuid()})`,
      (r) => `Timeout while calling orders.lookup after ${r.between(20, 30)}s`,
    ],
    'js',
  ),
  mode('order_not_found', 'tool_error', 'support-bot', 'order_status', 'orders.lookup', 'OrderNotFound', 8, [
    (r) => `Order ${r.orderId()} not found`,
    (r) => `No order matches id ${r.orderId()} for customer cus_${r.hex(10)}`,
  ]),
  mode('crm_rate_limit', 'failure', 'billing-bot', 'billing', 'crm.search', 'RateLimitError', 6, [
    (r) => `429 Too Many Requests: rate limit exceeded, retry after ${r.between(2, 60)}s`,
    (r) => `CRM API rate limited (limit ${r.pick([100, 200])}/min), retry in ${r.between(2, 60)} seconds`,
  ]),
  mode(
    'invoice_undefined',
    'failure',
    'billing-bot',
    'billing',
    'invoices.render',
    'TypeError',
    7,
    [
      () => `TypeError: Cannot read properties of undefined (reading 'lineItems')`,
      () => `TypeError: Cannot read property 'lineItems' of undefined`,
    ],
    'js',
  ),
  mode(
    'invoice_tofixed',
    'failure',
    'billing-bot',
    'billing',
    'invoices.render',
    'TypeError',
    4,
    [() => `TypeError: amount.toFixed is not a function`, () => `TypeError: invoice.amount.toFixed is not a function`],
    'js',
  ),
  mode('auth_expired', 'failure', 'support-bot', 'account', 'auth.verify', 'TokenExpiredError', 6, [
    (r) => `401 Unauthorized: token expired at ${r.isoTime()} for user ${r.email()}`,
    (r) => `Access token for user ${r.between(1000, 99999)} has expired`,
    (r) => `jwt expired ${r.between(1, 9000)} seconds ago`,
  ]),
  mode('db_deadlock', 'failure', 'support-bot', 'account', 'db.query', '', 5, [
    (r) => `deadlock detected while updating table accounts (pid ${r.between(1000, 9999)})`,
    (r) => `ERROR: deadlock detected (SQLSTATE 40P01) updating accounts row ${r.between(1, 99999)}`,
    (r) => `deadlock detected, transaction ${r.hex(12)} rolled back while updating accounts`,
  ]),
  mode('db_refused', 'failure', 'support-bot', 'account', 'db.query', '', 4, [
    (r) => `could not connect to server: Connection refused (${r.ip()}:5432)`,
    (r) => `connection refused by database server at ${r.ip()}`,
  ]),
  mode('kb_missing_embedding', 'failure', 'search-bot', 'search', 'kb.search', '', 5, [() => `KeyError: 'embedding'`], 'python'),
  mode('context_length', 'failure', 'search-bot', 'search', 'llm.chat', 'ContextLengthExceeded', 5, [
    (r) => `This model's maximum context length is 128000 tokens. However, your messages resulted in ${r.between(128001, 190000)} tokens.`,
    (r) => `Input of ${r.between(128001, 190000)} tokens exceeds the context window (128000)`,
  ]),
  mode('inventory_unavailable', 'tool_error', 'support-bot', 'order_status', 'inventory.check', 'ServiceUnavailable', 7, [
    (r) => `503 Service Unavailable from http://inventory:8080/stock/SKU-${r.between(100, 999)}`,
    (r) => `inventory service unavailable, retrying (attempt ${r.between(1, 3)} of 3)`,
  ]),
  mode('escalate_human', 'escalation', 'support-bot', 'refund', '', '', 6, [
    () => `Customer asked to speak with a human agent`,
    () => `customer requested a human agent`,
    () => `Escalated: customer wants to talk to a human`,
  ]),
  mode('escalate_dispute', 'escalation', 'billing-bot', 'billing', '', '', 4, [
    (r) => `Escalated: disputed charge of $${r.amount(500, 5000)} is above the auto-approval threshold`,
    (r) => `Escalating to billing team: disputed amount ${r.amount(500, 5000)} EUR exceeds approval threshold`,
  ]),
  mode('correction_delivery_date', 'correction', 'support-bot', 'order_status', '', '', 5, [
    () => `Agent gave the wrong delivery date`,
    () => `wrong delivery date given to the customer`,
    (r) => `Delivery date in the answer was wrong (said ${r.pick(['Friday', 'Monday'])}, actual ${r.isoTime().slice(0, 10)})`,
  ]),
  mode('correction_refund_window', 'correction', 'support-bot', 'refund', '', '', 4, [
    (r) => `Quoted the wrong refund window: said ${r.pick([30, 60])} days, policy is 14 days`,
    () => `wrong refund window quoted to the customer`,
    () => `Refund window quoted was wrong (policy is 14 days)`,
  ]),
  mode('safety_pii', 'safety', 'support-bot', 'account', '', 'pii_in_output', 3, [
    () => 'answer contained an e-mail address',
    () => 'phone number of another customer in the answer',
  ]),
];

function mode(
  name: string,
  kind: FailureKind,
  agent: string,
  workflow: string,
  tool: string,
  errorType: string,
  weight: number,
  wordings: FailureModeSpec['wordings'],
  stack?: FailureModeSpec['stack'],
): FailureModeSpec {
  return { name, kind, agent, workflow, tool, errorType, weight, wordings, stack };
}

/** A failed episode's cause: the spec the production-shaped and held-out style corpora are written in. */
export function errorSpec(
  name: string,
  agent: string,
  workflow: string,
  tool: string,
  errorType: string,
  weight: number,
  wordings: ReadonlyArray<(r: RandomSource) => string>,
  stack?: FailureModeSpec['stack'],
): FailureModeSpec {
  return { name, kind: 'failure', agent, workflow, tool, errorType, weight, wordings, stack };
}
