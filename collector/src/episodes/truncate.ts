import { cutAtCodePoint, wellFormed } from '../shared/wellFormedText.ts';

/**
 * Text cut to `maxChars` at a code point, with lone surrogates made U+FFFD, and whether it was
 * cut, so a reader knows the stored value is partial.
 */
export function truncate(text: string, maxChars: number): { text: string; truncated: boolean } {
  const whole = wellFormed(text);
  return whole.length <= maxChars ? { text: whole, truncated: false } : { text: cutAtCodePoint(whole, maxChars), truncated: true };
}
