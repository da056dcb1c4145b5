/** `KeyError:` or `java.lang.IllegalStateException:` as a word of its own, anywhere in the headline. */
const TYPE_WORD = /(?:^|\s)(?:[A-Za-z_$][\w$]*\.)*([A-Z][\w$]*(?:Error|Exception|Fault|Failure|Timeout|Exceeded|Denied))(?::|$)/;

/** A type at the head of a message: an identifier and a colon (`CardDeclined:`, `app.errors.OutOfStock:`). */
const HEAD_IDENTIFIER = /^(?:[A-Za-z_$][\w$]*\.)*([A-Z][\w$]*)\s*:(?=\s|$)/;
/** A type written out at the head of a message: `Card Declined Exception:`, `Validation Error:`. */
const HEAD_WORDS = /^((?:[A-Z][A-Za-z]*\s+){1,4})(Error|Exception)\s*:(?=\s|$)/;
/** Names that read as a type: two capitalised parts or more (`OutOfStock`), or a type's suffix. */
const TYPE_LIKE = /^[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+$|(?:Error|Exception|Fault|Failure|Timeout|Exceeded|Denied)$/;

/**
 * The error type a message names at its head, and how many characters that head takes (with the
 * colon and spaces after it): `CardDeclinedError: card …` → `CardDeclinedError`. Generic heads
 * (`Error:`) and single words (`Note:`) are not types. The text must start at the head (log
 * prefixes removed).
 */
export function typeHeadOf(text: string): { type: string; length: number } | undefined {
  const identifier = HEAD_IDENTIFIER.exec(text);
  if (identifier && TYPE_LIKE.test(identifier[1]!) && identifier[1] !== 'Error' && identifier[1] !== 'Exception')
    return { type: identifier[1]!, length: headLength(text, identifier[0].length) };
  const words = HEAD_WORDS.exec(text);
  if (words) return { type: words[1]!.replace(/\s+/g, '') + words[2]!, length: headLength(text, words[0].length) };
  return undefined;
}

function headLength(text: string, end: number): number {
  let length = end;
  while (length < text.length && (text[length] === ' ' || text[length] === '\t')) length++;
  return length;
}

/** What loggers put before a message (a time, a `[request id]`, a level), unmasked. */
const RAW_LOG_PREFIX = /^(?:\d{4}-\d{2}-\d{2}[T ][\d:.,]+(?:Z|[+-]\d{2}:?\d{2})?|\[[^\]]*\]|(?:ERROR|WARN|WARNING|FATAL|CRITICAL)\b:?)\s*/;

/** The type a headline names: at its head (after log prefixes), else a `SomethingError:` anywhere; '' when none. */
export function namedTypeOf(headline: string): string {
  let text = headline;
  for (let prefix = RAW_LOG_PREFIX.exec(text); prefix && prefix[0].length > 0; prefix = RAW_LOG_PREFIX.exec(text))
    text = text.slice(prefix[0].length);
  return typeHeadOf(text)?.type ?? TYPE_WORD.exec(headline)?.[1] ?? '';
}

/**
 * The error type: the recorded one without its module path (`builtins.KeyError` → `KeyError`)
 * when it is specific; otherwise the type the message names (`Error` recorded, message
 * `ValidationError: …` → `ValidationError`), else the generic one recorded.
 */
export function errorTypeOf(recorded: string, headline: string, named = namedTypeOf(headline)): string {
  const type = recorded === '_OTHER' ? '' : withoutModulePath(recorded.trim());
  if (type.length > 0 && !isGenericErrorType(type)) return type;
  if (named.length > 0 && (type.length === 0 || !isGenericErrorType(named))) return named;
  return type;
}

function withoutModulePath(type: string): string {
  return type.slice(type.lastIndexOf('.') + 1) || type;
}

/**
 * What two spellings of one type have in common: `CardDeclinedError`, `CardDeclined`,
 * `Card Declined Exception` and `card_declined` all read `carddeclined`.
 */
export function typeKeyOf(type: string): string {
  const bare = withoutModulePath(type)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return bare.replace(/(?:error|exception)$/, '') || bare;
}

/**
 * Error types that say little about the cause: the base classes of common runtimes, wrappers and
 * HTTP status codes. Messages under these are told apart by their text; under a specific type
 * (`RefundLimitExceeded`) the type, tool and workflow already name the failure mode.
 */
const GENERIC_TYPES = new Set([
  '',
  '_other',
  'error',
  'exception',
  'baseexception',
  'throwable',
  'failure',
  'failed',
  'fault',
  'unknown',
  'unknownerror',
  'generic',
  'runtimeerror',
  'runtimeexception',
  'typeerror',
  'referenceerror',
  'rangeerror',
  'syntaxerror',
  'valueerror',
  'keyerror',
  'indexerror',
  'attributeerror',
  'assertionerror',
  'internalerror',
  'systemerror',
  'oserror',
  'ioerror',
  'ioexception',
  'illegalstateexception',
  'illegalargumentexception',
  'nullpointerexception',
  'aggregateerror',
  'evalerror',
  'httperror',
  'httpexception',
  'fetcherror',
  'axioserror',
  'requesterror',
  'requestexception',
  'apierror',
  'apiexception',
  'clienterror',
  'servererror',
  'toolerror',
  'toolexception',
  'agenterror',
  'agentexception',
  'executionerror',
]);

export function isGenericErrorType(type: string): boolean {
  return GENERIC_TYPES.has(type.toLowerCase()) || /^\d+$/.test(type);
}
