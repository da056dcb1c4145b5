/**
 * Why the store refused an insert, as a metrics label, and whether trying the same rows again
 * can succeed. A full disk, an overloaded or unreachable server heal with time; a row the
 * engine cannot parse or place never will, so such a batch must be split, not retried.
 */
export type StoreErrorReason = 'no_space' | 'overloaded' | 'unreachable' | 'too_many_partitions' | 'bad_row' | 'injected' | 'other';

const RETRYABLE_REASONS = new Set<StoreErrorReason>(['no_space', 'overloaded', 'unreachable', 'injected', 'other']);

/** ClickHouse error codes (src/Common/ErrorCodes.cpp). */
const NOT_ENOUGH_SPACE = 243;
const TOO_MANY_PARTS = 252;
const OVERLOADED = new Set([159, 202, 209, 210, 241, 425]);
/** Parse and type errors of one row's values: cannot parse text/number/date, bad escapes, out of range, wrong types. */
const BAD_ROW = new Set([6, 25, 26, 27, 38, 41, 53, 69, 70, 72, 117, 130, 131, 321, 386]);

export function classifyStoreError(error: unknown): { reason: StoreErrorReason; retryable: boolean } {
  const reason = reasonOf(error);
  return { reason, retryable: RETRYABLE_REASONS.has(reason) };
}

function reasonOf(error: unknown): StoreErrorReason {
  const code = (error as { clickhouseCode?: unknown; code?: unknown } | undefined)?.clickhouseCode ?? codeFromMessage(error);
  if (code === NOT_ENOUGH_SPACE) return 'no_space';
  // One code covers both "too many parts" (merges are behind: wait) and "too many partitions for single INSERT block" (never).
  if (code === TOO_MANY_PARTS) return /partitions for single INSERT/i.test(messageOf(error)) ? 'too_many_partitions' : 'overloaded';
  if (typeof code === 'number' && OVERLOADED.has(code)) return 'overloaded';
  if (typeof code === 'number' && BAD_ROW.has(code)) return 'bad_row';
  if (typeof (error as { code?: unknown } | undefined)?.code === 'string' && code === undefined) return 'unreachable';
  return 'other';
}

/** The server client reports codes as text ("Code: 27. DB::Exception: …") or as a `code` string of digits. */
function codeFromMessage(error: unknown): number | undefined {
  const given = (error as { code?: unknown } | undefined)?.code;
  if (typeof given === 'string' && /^\d+$/.test(given)) return Number(given);
  const match = /Code: (\d+)\./.exec(messageOf(error));
  return match ? Number(match[1]) : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
