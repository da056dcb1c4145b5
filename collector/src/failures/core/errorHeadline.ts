/** Longest headline kept, in characters: a one-line JSON dump must not become a 500-token template. */
const MAX_HEADLINE_CHARS = 400;

/**
 * The line of a message that says what went wrong. Usually the first; for a Python traceback the
 * exception line at the end. Stack frames carry paths and line numbers that change with every
 * release, so they are left out of the template.
 */
export function headlineOf(text: string): string {
  const first = firstLine(text);
  const headline = first.startsWith('Traceback (most recent call last)') ? (lastUnindented(text.split('\n')) ?? first) : first;
  return headline.length > MAX_HEADLINE_CHARS ? headline.slice(0, MAX_HEADLINE_CHARS) : headline;
}

/** The first non-blank line, trimmed, without splitting the rest (stack traces can be long). */
function firstLine(text: string): string {
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end).trim();
    if (line.length > 0 || end === -1) return line;
    start = end + 1;
  }
  return '';
}

function lastUnindented(lines: readonly string[]): string | undefined {
  for (let i = lines.length - 1; i > 0; i--) {
    const line = lines[i]!;
    if (line.trim().length > 0 && !/^\s/.test(line)) return line.trim();
  }
  return undefined;
}

/** `KeyError:` or `java.lang.IllegalStateException:` as a word of its own, anywhere in the headline. */
const TYPE_WORD = /(?:^|\s)(?:[A-Za-z_$][\w$]*\.)*([A-Z][\w$]*(?:Error|Exception|Fault|Failure|Timeout|Exceeded|Denied))(?::|$)/;

/**
 * The error type: the recorded one without its module path (`builtins.KeyError` → `KeyError`),
 * or, when none was recorded, the `SomethingError:` the headline names (log prefixes may precede it).
 */
export function errorTypeOf(recorded: string, headline: string): string {
  const type = recorded === '_OTHER' ? '' : recorded.trim();
  if (type.length > 0) return type.slice(type.lastIndexOf('.') + 1) || type;
  return TYPE_WORD.exec(headline)?.[1] ?? '';
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
