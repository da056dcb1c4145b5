import type { StoredSpan } from '../storedSpan.ts';

/** The first of these attributes the span carries. */
export function firstAttribute(span: StoredSpan, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = span.SpanAttributes[name];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

/** A token count: a finite, non-negative integer, or undefined when the attribute is absent or not a count. */
export function countAttribute(span: StoredSpan, names: readonly string[]): number | undefined {
  for (const name of names) {
    const text = span.SpanAttributes[name];
    if (text === undefined || text === '') continue;
    const value = Number(text);
    if (Number.isFinite(value) && value >= 0) return Math.min(Math.trunc(value), Number.MAX_SAFE_INTEGER);
  }
  return undefined;
}

/** Facts with the undefined fields left out, so merging keeps the first defined value. */
export function defined<T extends object>(facts: T): T {
  // A loop rather than entries/filter/fromEntries: this runs several times for every span assembled.
  const kept: Partial<T> = {};
  for (const key in facts) if (facts[key] !== undefined) kept[key] = facts[key];
  return kept as T;
}
