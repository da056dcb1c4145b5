import { errorSpec as spec, type FailureModeSpec } from './failureModes.ts';

/**
 * A third corpus, shaped like production rather than like the clustering: 22 root causes over
 * four agents, seven workflows and eight tools, each with the specific error type its code throws
 * in one place. Used with `untypedShare: 0.5` (see `syntheticFailures`), half the rows of every
 * cause come with a bare `Error` or no type at all, some naming their type only in the message.
 * Causes of one tool share words on purpose (the tool's nouns, "request", "order", "exceeds",
 * "limit"), three causes raise generic types only, and messages carry ids, amounts, durations,
 * addresses and stack traces.
 */
export const PRODUCTION_FAILURE_MODES: readonly FailureModeSpec[] = [
  // payments.charge (checkout, shop-agent): three causes whose messages share the tool's words.
  spec('card_declined', 'shop-agent', 'checkout', 'payments.charge', 'CardDeclinedError', 9, [
    (r) => `Payment request for order ${r.orderId()} was declined by the issuer (code ${r.pick(['05', '51', '14'])})`,
    (r) => `card ending ${r.between(1000, 9999)} declined for payment of $${r.amount(5, 900)}`,
    (r) => `Issuer declined the charge of ${r.amount(5, 900)} USD on order ${r.orderId()}`,
  ]),
  spec('charge_over_limit', 'shop-agent', 'checkout', 'payments.charge', 'ChargeLimitExceeded', 6, [
    (r) => `Payment request for order ${r.orderId()} exceeds the single-charge limit of $5,000.00`,
    (r) => `charge of $${r.amount(5001, 20000)} exceeds limit for merchant acct_${r.hex(10)}`,
    (r) => `Amount ${r.amount(5001, 20000)} USD is over the per-transaction maximum`,
  ]),
  spec('currency_unsupported', 'shop-agent', 'checkout', 'payments.charge', 'UnsupportedCurrency', 4, [
    (r) => `Payment request for order ${r.orderId()} uses currency ${r.pick(['ARS', 'NGN', 'VND'])}, which is not supported`,
    (r) => `currency ${r.pick(['ARS', 'NGN', 'VND'])} not enabled for this merchant account`,
  ]),
  // orders.api (checkout and order_tracking): a timeout and a missing order, sharing "order" and "request".
  spec(
    'orders_timeout',
    'shop-agent',
    'order_tracking',
    'orders.api',
    'RequestTimeoutError',
    8,
    [
      (r) => `Request to orders.api for order ${r.orderId()} timed out after ${r.between(10, 30)}s`,
      (r) => `GET https://orders.internal/v1/orders/${r.orderId()} did not complete within ${r.between(10000, 30000)} ms`,
      (r) => `orders service request timeout (${r.between(10, 30)} seconds, attempt ${r.between(1, 3)})`,
    ],
    'js',
  ),
  spec('order_missing', 'shop-agent', 'order_tracking', 'orders.api', 'OrderNotFoundError', 7, [
    (r) => `Order ${r.orderId()} not found`,
    (r) => `Request for order ${r.orderId()} returned no order for customer cus_${r.hex(8)}`,
    (r) => `no such order: ${r.orderId()}`,
  ]),
  spec('order_cancelled', 'shop-agent', 'checkout', 'orders.api', 'OrderStateConflict', 4, [
    (r) => `Order ${r.orderId()} is already cancelled; cannot update shipping`,
    (r) => `cannot modify order ${r.orderId()} in state CANCELLED`,
  ]),
  // inventory.reserve (checkout).
  spec('out_of_stock', 'shop-agent', 'checkout', 'inventory.reserve', 'OutOfStock', 6, [
    (r) => `SKU-${r.between(1000, 9999)} out of stock at warehouse ${r.pick(['FRA1', 'AMS2', 'IAD3'])}`,
    (r) => `Only ${r.between(0, 3)} units of SKU-${r.between(1000, 9999)} left, requested ${r.between(4, 20)}`,
    (r) => `reservation failed: insufficient stock for SKU-${r.between(1000, 9999)}`,
  ]),
  spec('reservation_expired', 'shop-agent', 'checkout', 'inventory.reserve', 'ReservationExpired', 3, [
    (r) => `reservation res_${r.hex(12)} expired after ${r.between(10, 15)} minutes`,
    (r) => `Inventory hold for SKU-${r.between(1000, 9999)} lapsed before checkout completed`,
  ]),
  // crm.lookup (support-agent, account and billing_support).
  spec('crm_rate_limited', 'support-agent', 'account', 'crm.lookup', 'RateLimitExceeded', 7, [
    (r) => `429 Too Many Requests from crm.lookup, retry after ${r.between(1, 60)}s`,
    (r) => `CRM request rate limit exceeded (${r.pick([100, 250])} requests/min) for tenant t_${r.hex(6)}`,
    (r) => `rate limited by CRM; backing off ${r.between(100, 5000)}ms`,
  ]),
  spec('crm_contact_missing', 'support-agent', 'account', 'crm.lookup', 'ContactNotFound', 5, [
    (r) => `No CRM contact for ${r.email()}`,
    (r) => `crm.lookup request returned 404 for contact ${r.uuid()}`,
    (r) => `contact ${r.between(10000, 99999)} does not exist in CRM`,
  ]),
  spec(
    'crm_null_owner',
    'support-agent',
    'billing_support',
    'crm.lookup',
    'TypeError',
    4,
    [() => `Cannot read properties of undefined (reading 'owner')`, () => `Cannot read property 'owner' of undefined`],
    'js',
  ),
  // db.query (billing_support and account): two causes under driver errors.
  spec(
    'db_deadlock',
    'support-agent',
    'billing_support',
    'db.query',
    'DeadlockDetected',
    5,
    [
      (r) => `deadlock detected while updating invoices (pid ${r.between(1000, 9999)})`,
      (r) => `Transaction ${r.hex(12)} rolled back: deadlock detected on table invoices`,
      (r) => `ERROR: deadlock detected (SQLSTATE 40P01) updating invoices row ${r.between(1, 99999)}`,
    ],
    'java',
  ),
  spec('db_pool_exhausted', 'support-agent', 'billing_support', 'db.query', 'PoolExhaustedError', 4, [
    (r) => `connection pool exhausted: ${r.between(20, 50)} of ${r.between(20, 50)} connections busy for ${r.between(5, 30)}s`,
    (r) => `timed out acquiring a database connection after ${r.between(5000, 30000)}ms (pool size ${r.between(20, 50)})`,
  ]),
  // kb.search (support-agent, account).
  spec(
    'kb_missing_field',
    'support-agent',
    'account',
    'kb.search',
    'KeyError',
    5,
    [() => `KeyError: 'embedding'`, () => `'embedding'`],
    'python',
  ),
  spec('kb_index_unavailable', 'support-agent', 'account', 'kb.search', 'IndexUnavailableError', 4, [
    (r) => `search index kb-${r.between(1, 9)} is unavailable (status red)`,
    (r) => `503 from http://${r.ip()}:9200/kb/_search: index unavailable`,
  ]),
  // flights.search and hotels.book (travel-agent).
  spec('flights_provider_timeout', 'travel-agent', 'trip_search', 'flights.search', 'ProviderTimeout', 6, [
    (r) => `flight provider ${r.pick(['amadeus', 'sabre'])} timed out after ${r.between(20, 40)}s`,
    (r) => `Timed out waiting ${r.between(20000, 40000)} ms for flights.search results (search ${r.hex(10)})`,
  ]),
  spec('fare_expired', 'travel-agent', 'booking', 'flights.search', 'FareExpired', 4, [
    (r) => `Fare ${r.hex(8).toUpperCase()} is no longer available at $${r.amount(80, 900)}`,
    (r) => `quoted fare expired before booking (quote age ${r.between(16, 60)} minutes)`,
  ]),
  spec('hotel_dates_invalid', 'travel-agent', 'booking', 'hotels.book', 'ValidationError', 5, [
    (r) => `check-out date ${r.isoTime().slice(0, 10)} is before check-in date ${r.isoTime().slice(0, 10)}`,
    () => `Invalid stay: 0 nights between check-in and check-out`,
  ]),
  spec('hotel_sold_out', 'travel-agent', 'booking', 'hotels.book', 'RoomUnavailable', 4, [
    (r) => `No rooms left at hotel H${r.between(1000, 9999)} for the requested dates`,
    (r) => `room type ${r.pick(['DBL', 'KING', 'SUITE'])} sold out for ${r.isoTime().slice(0, 10)}`,
  ]),
  // No tool: the model's own limits (ops-agent and travel-agent).
  spec('context_overflow', 'ops-agent', 'incident_triage', '', 'ContextLengthExceeded', 6, [
    (r) => `This model's maximum context length is 128000 tokens, but the request has ${r.between(128001, 200000)} tokens`,
    (r) => `prompt of ${r.between(128001, 200000)} tokens exceeds the context window`,
  ]),
  spec('output_unparsable', 'ops-agent', 'incident_triage', '', 'OutputParserError', 5, [
    (r) => `Could not parse model output as JSON: unexpected token at position ${r.between(1, 900)}`,
    () => `model reply is not valid JSON: "Sure! Here is the summary"`,
    (r) => `Failed to parse structured output (${r.between(1, 5)} attempts)`,
  ]),
  spec('ops_runbook_forbidden', 'ops-agent', 'incident_triage', '', 'PermissionDenied', 4, [
    (r) => `403 Forbidden: role agent-ops may not run runbook rb-${r.between(100, 999)}`,
    (r) => `permission denied executing runbook rb-${r.between(100, 999)} on host ${r.ip()}`,
  ]),
];
