/**
 * Why the store refused a call, as a metrics label, and whether the same call can succeed later.
 * A full disk, an overloaded or unreachable server heal with time; a row the engine cannot parse
 * or place, or a statement it rejects, never will: such a batch is split, not retried.
 */
export type StoreErrorReason =
  'no_space' | 'overloaded' | 'unreachable' | 'too_many_partitions' | 'bad_row' | 'bad_statement' | 'injected' | 'other';

/** Unknown failures count as retryable: keeping acknowledged rows and trying again is the safe side. */
const RETRYABLE_REASONS = new Set<StoreErrorReason>(['no_space', 'overloaded', 'unreachable', 'injected', 'other']);

/** ClickHouse error codes (src/Common/ErrorCodes.cpp). */
const NOT_ENOUGH_SPACE = 243;
const TOO_MANY_PARTS = 252;
/** Overload, limits that clear, timeouts, read-only replicas and Keeper trouble. */
const OVERLOADED = new Set([159, 164, 202, 209, 236, 241, 242, 319, 425, 439, 999]);
/** The server could not be reached (NETWORK_ERROR, ALL_CONNECTION_TRIES_FAILED). */
const UNREACHABLE = new Set([210, 279]);
/**
 * Parse and type errors of one row's values: cannot parse text/number/date, bad escapes, out of
 * range, wrong types; and binary rows that end early (ATTEMPT_TO_READ_AFTER_EOF, CANNOT_READ_ALL_DATA).
 */
const BAD_ROW = new Set([6, 25, 26, 27, 32, 33, 38, 41, 53, 69, 70, 72, 117, 130, 131, 321, 386]);
/** Errors of the statement itself: syntax, unknown table, column, function, setting or parameter, bad arguments. */
const BAD_STATEMENT = new Set([16, 36, 43, 46, 47, 60, 62, 81, 115, 456, 457]);

/** Node socket errors (and the server client's own timeout) that a later attempt can get past. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** Classifies an error thrown by either backend: `clickhouseCode` from chdb, a numeric `code` or message from @clickhouse/client. */
export function classifyStoreError(error: unknown): { reason: StoreErrorReason; retryable: boolean } {
  const reason = reasonOf(error);
  return { reason, retryable: RETRYABLE_REASONS.has(reason) };
}

function reasonOf(error: unknown): StoreErrorReason {
  const code = clickHouseCodeOf(error);
  if (code === NOT_ENOUGH_SPACE) return 'no_space';
  // One code covers both "too many parts" (merges are behind: wait) and "too many partitions for single INSERT block" (never).
  if (code === TOO_MANY_PARTS) return /partitions for single INSERT/i.test(messageOf(error)) ? 'too_many_partitions' : 'overloaded';
  if (code !== undefined) {
    if (OVERLOADED.has(code)) return 'overloaded';
    if (UNREACHABLE.has(code)) return 'unreachable';
    if (BAD_ROW.has(code)) return 'bad_row';
    if (BAD_STATEMENT.has(code)) return 'bad_statement';
    return 'other';
  }
  const given = (error as { code?: unknown } | undefined)?.code;
  if (typeof given === 'string' && NETWORK_CODES.has(given)) return 'unreachable';
  // A payload file the embedded store writes for the engine to read (RowBinary inserts).
  if (given === 'ENOSPC' || given === 'EDQUOT') return 'no_space';
  if (/^Timeout error\.?$/.test(messageOf(error))) return 'unreachable';
  return 'other';
}

/** chdb sets `clickhouseCode`; the server client reports a `code` string of digits or "Code: 27. DB::Exception: …". */
function clickHouseCodeOf(error: unknown): number | undefined {
  const { clickhouseCode, code } = (error ?? {}) as { clickhouseCode?: unknown; code?: unknown };
  if (typeof clickhouseCode === 'number') return clickhouseCode;
  if (typeof code === 'string' && /^\d+$/.test(code)) return Number(code);
  const match = /Code: (\d+)\./.exec(messageOf(error));
  return match ? Number(match[1]) : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String((error as { message?: unknown } | undefined)?.message ?? error);
}
