import type { FailureModeSpec } from './failureModes.ts';

/**
 * A second corpus, written apart from the first in another domain (travel booking and CRM agents)
 * and another style: checks that tuning on one corpus did not fit the clustering to its wording.
 * It keeps one pair no text method can separate: two NullPointerExceptions on one tool whose
 * messages differ only inside quotes, which masking treats as values.
 */
export const TRAVEL_FAILURE_MODES: readonly FailureModeSpec[] = [
  spec('flight_timeout', 'failure', 'travel-bot', 'search', 'flights.search', 'TimeoutError', 10, [
    (r) => `Flight search API timeout after ${r.between(25, 35)}s (request_id=${r.hex(12)})`,
    (r) => `Timed out waiting for flights.search response (${r.between(25000, 35000)} ms)`,
  ]),
  spec('card_declined', 'failure', 'travel-bot', 'booking', 'flights.book', 'PaymentDeclined', 8, [
    (r) => `Payment declined: card ending ${r.between(1000, 9999)}, code 05`,
    (r) => `Card ${r.between(1000, 9999)} was declined by issuer (do_not_honor)`,
  ]),
  spec('hotel_rate_limit', 'failure', 'travel-bot', 'search', 'hotels.search', 'RateLimitError', 6, [
    (r) => `429 rate limit exceeded for key sk_live_${r.hex(16)}`,
    (r) => `Too many requests to hotels API; retry after ${r.between(1, 9)} seconds`,
  ]),
  spec('date_validation', 'failure', 'travel-bot', 'booking', 'hotels.book', 'ValidationError', 5, [
    (r) => `Invalid date range: check-out ${r.isoTime().slice(0, 10)} before check-in ${r.isoTime().slice(0, 10)}`,
    (r) => `check_out must be after check_in (got ${r.isoTime().slice(0, 10)} / ${r.isoTime().slice(0, 10)})`,
  ]),
  spec('unparsable_output', 'failure', 'travel-bot', 'booking', '', 'OutputParserException', 6, [
    () => 'Could not parse LLM output: `I think the best option is the morning flight`',
    (r) => `Failed to parse model response as JSON at position ${r.between(10, 400)}`,
  ]),
  spec('socket_hang_up', 'failure', 'crm-bot', 'account', 'crm.update', 'Error', 5, [
    () => 'Error: socket hang up',
    () => 'Error: read ECONNRESET',
    () => 'socket hang up (ECONNRESET)',
  ]),
  spec('phone_required', 'failure', 'crm-bot', 'account', 'crm.update', 'Error', 4, [
    () => "Error: Field 'phone' is required",
    () => 'Error: missing required field phone',
  ]),
  spec('wants_manager', 'escalation', 'crm-bot', 'billing', '', '', 5, [
    () => 'User is angry and demands a refund manager',
    () => 'customer requested to speak with a manager about the refund',
    () => 'Wants a manager to approve the refund',
  ]),
  spec('out_of_scope', 'escalation', 'travel-bot', 'support', '', '', 4, [
    (r) => `Policy question outside of agent scope: visa requirements for ${r.pick(['Japan', 'Brazil', 'India'])}`,
    (r) => `Out of scope: user asked about visa rules for ${r.pick(['Japan', 'Brazil', 'India'])}`,
  ]),
  spec('wrong_address', 'correction', 'travel-bot', 'booking', '', '', 4, [
    () => 'Wrong hotel address given',
    () => 'The hotel address in the reply was incorrect',
    () => 'hotel address wrong',
  ]),
  spec('outdated_fee', 'correction', 'travel-bot', 'support', '', '', 4, [
    (r) => `Agent quoted outdated baggage fee ($${r.between(30, 35)} instead of $40)`,
    () => 'Baggage fee was out of date',
    () => 'outdated baggage fee quoted',
  ]),
  spec('city_not_found', 'tool_error', 'travel-bot', 'support', 'weather.get', 'NotFound', 6, [
    (r) => `City not found: ${r.pick(['Springfield', 'Paris', 'Lagos', 'Osaka'])}`,
    (r) => `No weather data for location id ${r.between(100000, 999999)}`,
  ]),
  spec('prompt_injection', 'safety', 'travel-bot', 'search', '', 'prompt_injection', 2, [
    () => 'Tool result contained instructions to ignore previous instructions',
    () => 'possible prompt injection in retrieved page',
  ]),
  spec('missing_segments', 'failure', 'travel-bot', 'booking', 'itinerary.build', '', 5, [() => "KeyError: 'segments'"], 'python'),
  spec(
    'null_member',
    'failure',
    'crm-bot',
    'billing',
    'loyalty.points',
    'java.lang.NullPointerException',
    4,
    [() => 'java.lang.NullPointerException: Cannot invoke "Member.getTier()" because "member" is null'],
    'java',
  ),
  spec(
    'null_account',
    'failure',
    'crm-bot',
    'billing',
    'loyalty.points',
    'java.lang.NullPointerException',
    3,
    [() => 'java.lang.NullPointerException: Cannot invoke "Account.getBalance()" because "account" is null'],
    'java',
  ),
];

function spec(
  name: string,
  kind: FailureModeSpec['kind'],
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
