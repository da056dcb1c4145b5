import { errorSpec as spec, type FailureModeSpec } from './failureModes.ts';

/**
 * A fourth corpus, written apart from the clustering and never tuned against: 22 root causes over
 * four agents, seven workflows and eight tools, in the styles other runtimes write (gRPC status
 * lines, JSON error bodies, key=value logs, Kubernetes and HTTP messages). Used with
 * `untypedShare: 0.5` like the production-shaped corpus: half the rows of every cause have a bare
 * `Error` or no type. Causes of one tool share its words ("transfer", "payout", "account",
 * "policy", "booking", "quota"), two causes raise generic types only.
 */
export const HELD_OUT_STYLE_MODES: readonly FailureModeSpec[] = [
  // payouts.transfer (claims-agent, payout): three causes sharing the tool's words.
  spec('insufficient_funds', 'claims-agent', 'payout', 'payouts.transfer', 'InsufficientFundsError', 7, [
    (r) => `transfer of $${r.amount(100, 9000)} to acct_${r.hex(10)} rejected: insufficient funds in payout account`,
    (r) => `{"error":"insufficient_funds","available":"${r.amount(0, 90)}","requested":"${r.amount(100, 9000)}"}`,
    (r) => `payout account balance ${r.amount(0, 90)} EUR is below the transfer amount ${r.amount(100, 9000)} EUR`,
  ]),
  spec('transfer_limit', 'claims-agent', 'payout', 'payouts.transfer', 'TransferLimitExceeded', 5, [
    (r) => `transfer of $${r.amount(10001, 50000)} to acct_${r.hex(10)} exceeds the daily payout limit`,
    (r) => `daily limit reached: ${r.between(20, 40)} transfers totalling ${r.amount(10001, 50000)} USD today`,
    (r) => `payout amount ${r.amount(10001, 50000)} EUR above the per-claim cap of 10,000.00 EUR`,
  ]),
  spec('beneficiary_invalid', 'claims-agent', 'payout', 'payouts.transfer', 'InvalidBeneficiaryAccount', 4, [
    (r) => `IBAN DE${r.between(10, 99)}${r.between(10000000, 99999999)}${r.between(1000000000, 9999999999)} failed checksum validation`,
    (r) => `beneficiary account acct_${r.hex(10)} rejected by the bank: invalid account number`,
  ]),
  // policy.lookup (claims-agent, claim_intake).
  spec('policy_not_found', 'claims-agent', 'claim_intake', 'policy.lookup', 'PolicyNotFound', 6, [
    (r) => `policy POL-${r.between(100000, 999999)} not found for claimant C-${r.between(1000, 9999)}`,
    (r) => `no active policy matches number POL-${r.between(100000, 999999)}`,
    (r) => `lookup returned 0 policies for holder ${r.email()}`,
  ]),
  spec('policy_lapsed', 'claims-agent', 'claim_intake', 'policy.lookup', 'PolicyLapsedError', 4, [
    (r) => `policy POL-${r.between(100000, 999999)} lapsed on ${r.isoTime().slice(0, 10)} (premium unpaid)`,
    (r) => `coverage inactive: policy POL-${r.between(100000, 999999)} expired ${r.between(2, 90)} days before the incident`,
  ]),
  spec(
    'policy_service_timeout',
    'claims-agent',
    'claim_intake',
    'policy.lookup',
    'DeadlineExceeded',
    5,
    [
      () => `rpc error: code = DeadlineExceeded desc = context deadline exceeded`,
      (r) => `policy service did not answer within ${r.between(3000, 5000)}ms`,
      (r) => `policy lookup for POL-${r.between(100000, 999999)} timed out after ${r.between(3, 5)}s`,
    ],
    'java',
  ),
  // docs.fetch (sales-agent, quote).
  spec('document_too_large', 'sales-agent', 'quote', 'docs.fetch', 'PayloadTooLarge', 4, [
    (r) => `document doc_${r.hex(12)} is ${r.between(21, 90)} MB, larger than the 20 MB limit`,
    (r) => `413 Payload Too Large: attachment of ${r.between(21000000, 90000000)} bytes`,
  ]),
  spec('document_unreadable', 'sales-agent', 'quote', 'docs.fetch', 'OcrError', 3, [
    (r) => `OCR produced no text for page ${r.between(1, 40)} of doc_${r.hex(12)}`,
    (r) => `could not extract text from scanned document doc_${r.hex(12)} (confidence 0.${r.between(1, 30)})`,
  ]),
  // restaurants.book (concierge, reservations).
  spec('no_table', 'concierge', 'reservations', 'restaurants.book', 'NoAvailability', 7, [
    (r) => `no table for ${r.between(2, 8)} at ${r.pick(['Trattoria Roma', 'Chez Paul', 'Sakura'])} on ${r.isoTime().slice(0, 16)}`,
    (r) => `restaurant R-${r.between(1000, 9999)} is fully booked for the requested time`,
    (r) => `availability search returned 0 slots for a party of ${r.between(2, 8)}`,
  ]),
  spec(
    'booking_upstream_down',
    'concierge',
    'reservations',
    'restaurants.book',
    'HttpError',
    5,
    [
      () => `503 Service Unavailable from https://api.tables.test/v2/reservations`,
      (r) => `upstream booking API returned HTTP ${r.pick([502, 503, 504])} after ${r.between(200, 3000)}ms`,
    ],
    'js',
  ),
  spec('party_too_large', 'concierge', 'reservations', 'restaurants.book', 'PartySizeExceeded', 3, [
    (r) => `party of ${r.between(9, 20)} exceeds the restaurant's maximum of 8 guests per booking`,
    (r) => `max party size is 8, requested ${r.between(9, 20)}`,
  ]),
  // maps.route (concierge, itinerary).
  spec('route_not_found', 'concierge', 'itinerary', 'maps.route', 'NoRouteFound', 4, [
    (r) =>
      `no route between (${r.between(-80, 80)}.${r.between(10, 99)},${r.between(-170, 170)}.${r.between(10, 99)}) and (${r.between(-80, 80)}.${r.between(10, 99)},${r.between(-170, 170)}.${r.between(10, 99)}) by car`,
    (r) => `routing engine found no path from stop ${r.between(1, 9)} to stop ${r.between(1, 9)}`,
  ]),
  spec('maps_quota', 'concierge', 'itinerary', 'maps.route', 'QuotaExceeded', 4, [
    () => `maps API daily quota of 25000 requests exhausted`,
    () => `OVER_QUERY_LIMIT: you have exceeded your request quota for this API`,
  ]),
  // k8s.apply (devops-agent, deploy).
  spec('image_pull', 'devops-agent', 'deploy', 'k8s.apply', 'ImagePullBackOff', 6, [
    (r) => `pod web-${r.hex(10)} failed: Back-off pulling image "registry.test/web:1.${r.between(0, 9)}.${r.between(0, 9)}"`,
    (r) => `ErrImagePull: manifest for registry.test/api:${r.hex(7)} not found`,
  ]),
  spec('namespace_quota', 'devops-agent', 'deploy', 'k8s.apply', 'ResourceQuotaExceeded', 4, [
    (r) =>
      `pods "web-${r.hex(5)}" is forbidden: exceeded quota: compute, requested: cpu=${r.between(1, 4)}, used: cpu=${r.between(10, 15)}, limited: cpu=16`,
    (r) => `namespace prod-${r.between(1, 9)} is over its memory quota (requested ${r.between(2, 8)}Gi)`,
  ]),
  spec(
    'manifest_invalid',
    'devops-agent',
    'deploy',
    'k8s.apply',
    'ValueError',
    4,
    [
      () => `error validating data: unknown field "replica" in io.k8s.api.apps.v1.DeploymentSpec`,
      (r) => `invalid manifest: spec.template.spec.containers[${r.between(0, 3)}].image must be set`,
    ],
    'python',
  ),
  // pagerduty.ack (devops-agent, oncall).
  spec('incident_resolved', 'devops-agent', 'oncall', 'pagerduty.ack', 'IncidentAlreadyResolved', 4, [
    (r) => `incident P${r.hex(6).toUpperCase()} is already resolved and cannot be acknowledged`,
    (r) => `cannot ack P${r.hex(6).toUpperCase()}: status resolved`,
  ]),
  spec('pager_token_revoked', 'devops-agent', 'oncall', 'pagerduty.ack', 'UnauthorizedError', 3, [
    (r) => `401 Unauthorized: API token for service S-${r.between(1000, 9999)} was revoked`,
    (r) => `pager token expired at ${r.isoTime()}`,
  ]),
  // pricing.quote (sales-agent, quote).
  spec('price_missing', 'sales-agent', 'quote', 'pricing.quote', 'PriceNotFound', 5, [
    (r) => `no list price for SKU ${r.pick(['ABC', 'XYZ', 'PRO'])}-${r.between(1000, 9999)} in region ${r.pick(['eu-west', 'us-east'])}`,
    (r) => `price book pb_${r.hex(8)} has no entry for product prod_${r.hex(8)}`,
  ]),
  spec('discount_over_threshold', 'sales-agent', 'quote', 'pricing.quote', 'DiscountLimitExceeded', 4, [
    (r) => `requested discount of ${r.between(21, 60)}% exceeds the 20% approval threshold`,
    (r) => `discount 0.${r.between(30, 60)} above the maximum allowed 0.25 for deal D-${r.between(1000, 9999)}`,
  ]),
  // No tool: the model's own refusals and limits.
  spec('content_filtered', 'sales-agent', 'quote', '', 'ContentFilterError', 3, [
    (r) => `response blocked by content filter (category: ${r.pick(['hate', 'violence', 'self_harm'])}, severity: medium)`,
    () => `The model refused to answer: finish_reason=content_filter`,
  ]),
  spec('llm_rate_limited', 'devops-agent', 'oncall', '', 'RateLimitError', 5, [
    (r) =>
      `429 rate_limit_exceeded: Limit 90000 tokens/min, used ${r.between(85000, 90000)}, requested ${r.between(2000, 9000)}. Please try again in ${r.between(1, 9)}.${r.between(1, 9)}s`,
    (r) => `LLM provider throttled the request, retry after ${r.between(5, 60)}s`,
  ]),
];
