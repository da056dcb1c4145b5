import { typeHeadOf } from './errorHeadline.ts';
import { MASK_PLACEHOLDERS, maskVariables } from './maskVariables.ts';

/** The token standing for any value in a mined template. */
export const WILDCARD = '<*>';

/** Templates longer than this many tokens are cut: the head of a message names the failure. */
const MAX_TOKENS = 48;

/** What loggers put before a message (a time, a `[request id]`, a level), after masking. */
const LOG_PREFIX = /^(?:<TIME>|\[[^\]]*\]|(?:ERROR|WARN|WARNING|FATAL|CRITICAL|Error|error)\b:?)\s*/;
const TRAILING_PUNCTUATION = /[.!;,:\s]+$/;
const SENTENCE_CASE = /^[A-Z][a-z]+\b/;

/**
 * A headline as template tokens: variables masked, log prefixes, a leading type name
 * (`CardDeclinedError:`, which one throw site writes and another does not) and final punctuation
 * dropped, a capitalised first word lowercased (people start the same sentence either way), split
 * on whitespace.
 */
export function templateTokensOf(headline: string): string[] {
  let text = maskVariables(headline).trim();
  for (let head = headLength(text); head > 0; head = headLength(text)) text = text.slice(head);
  text = text.replace(TRAILING_PUNCTUATION, '').replace(SENTENCE_CASE, (word) => word.toLowerCase());
  const tokens = text.split(/\s+/).filter((token) => token.length > 0);
  return tokens.length > MAX_TOKENS ? tokens.slice(0, MAX_TOKENS) : tokens;
}

function headLength(text: string): number {
  const prefix = LOG_PREFIX.exec(text);
  if (prefix && prefix[0].length > 0) return prefix[0].length;
  return typeHeadOf(text)?.length ?? 0;
}

/** Words that carry no meaning of their own in an error or a reason. "not" and "no" stay: they do. */
const STOPWORDS = new Set(
  'a an the to of for in on at by with from into onto as is are was were be been being it its this that these those and or but if then than so via per while when after before during did do does has have had can could would should will shall may might please'.split(
    ' ',
  ),
);

/**
 * The meaningful words of a template, lowercased and crudely stemmed, without placeholders or
 * stopwords: what two wordings of one failure have in common.
 */
export function contentWords(tokens: readonly string[]): string[] {
  const words = new Set<string>();
  for (const token of tokens) {
    if (MASK_PLACEHOLDERS.has(token) || token === WILDCARD) continue;
    for (const word of token.toLowerCase().split(/[^a-z]+/)) {
      if (word.length < 2 || STOPWORDS.has(word)) continue;
      words.add(stem(word));
    }
  }
  return [...words].sort();
}

function stem(word: string): string {
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

/**
 * Dice similarity of two sorted word lists (shared words over average size): kinder than Jaccard
 * to a short wording of a longer one, which is what rewordings of one failure look like.
 */
export function wordSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return (2 * shared) / (a.length + b.length);
}
