/** Text cut to `maxChars`, and whether it was cut, so a reader knows the stored value is partial. */
export function truncate(text: string, maxChars: number): { text: string; truncated: boolean } {
  return text.length <= maxChars ? { text, truncated: false } : { text: text.slice(0, maxChars), truncated: true };
}
