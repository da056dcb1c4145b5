/**
 * The variable parts of a message, each replaced by a placeholder so that messages differing only
 * in ids, numbers or times read the same. Order matters: at one position the first alternative
 * that matches wins, so the specific shapes (a UUID, a timestamp, an amount) come before the
 * general ones (an id, a number) that would otherwise eat them piecemeal. Headlines are remembered
 * by a key that relies on how these read digits and lone hex ids (digitBlindKey.ts): a pattern
 * changed here is checked against it by headlineReader.test.ts.
 */
const VARIABLES: ReadonlyArray<readonly [placeholder: string, pattern: string]> = [
  ['<STR>', String.raw`(?<![\w])'[^'\n]*'(?![\w])|"[^"\n]*"|\x60[^\x60\n]*\x60|“[^”\n]*”`],
  ['<URL>', String.raw`\b[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s'"<>)\]]+`],
  ['<EMAIL>', String.raw`\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b`],
  ['<UUID>', String.raw`\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b`],
  [
    '<TIME>',
    String.raw`\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b`,
  ],
  ['<IP>', String.raw`\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b`],
  [
    '<PATH>',
    String.raw`(?<![\w/])(?:[A-Za-z]:)?(?:[\\/][\w.@~+-]+){2,}[\\/]?(?::\d+)*|\b[\w.-]+\.(?:js|mjs|cjs|ts|tsx|jsx|py|java|kt|go|rb|rs|cs|php):\d+(?::\d+)?`,
  ],
  ['<HEX>', String.raw`\b0x[0-9a-fA-F]+\b|\b(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\b`],
  ['<AMOUNT>', String.raw`[$€£¥]\s?\d[\d,]*(?:\.\d+)?|\b\d[\d,]*(?:\.\d+)?\s?(?:USD|EUR|GBP|JPY|CHF|usd|eur|gbp)\b`],
  ['<DURATION>', String.raw`\b\d+(?:\.\d+)?\s?(?:ns|µs|us|ms|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\b`],
  ['<SIZE>', String.raw`\b\d+(?:\.\d+)?\s?(?:[KMGT]i?B|bytes?|B)\b`],
  ['<ID>', String.raw`\b[A-Za-z_][\w-]*\d[\w-]*\b|\b\d+[A-Za-z_][\w-]*\b`],
  ['<NUM>', String.raw`[-+]?\b\d+(?:[.,]\d+)*%?`],
];

// One capturing group per variable (the patterns themselves capture nothing), so group i+1 tells which matched.
const COMBINED = new RegExp(VARIABLES.map(([, pattern]) => `(${pattern})`).join('|'), 'g');
const PLACEHOLDERS = VARIABLES.map(([placeholder]) => placeholder);

/** Every placeholder `maskVariables` writes, e.g. `<NUM>`. */
export const MASK_PLACEHOLDERS: ReadonlySet<string> = new Set(PLACEHOLDERS);

/** `text` with its variable parts replaced by placeholders (`<UUID>`, `<NUM>`, …). */
export function maskVariables(text: string): string {
  return text.replace(COMBINED, (...groups: Array<string | undefined>) => {
    for (let i = 0; i < PLACEHOLDERS.length; i++) {
      if (groups[i + 1] !== undefined) return PLACEHOLDERS[i]!;
    }
    return '';
  });
}
