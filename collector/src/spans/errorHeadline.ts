/** Longest headline kept, in characters: a one-line JSON dump must not become a 500-token template. */
const MAX_HEADLINE_CHARS = 400;

/**
 * The line of a message that says what went wrong. Usually the first; for a Python traceback the
 * exception line at the end. Stack frames carry paths and line numbers that change with every
 * release, so they are left out of failure templates. Assembly stores it beside the message
 * (`ErrorHeadline`), so clustering reads one line, not a stack trace.
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
