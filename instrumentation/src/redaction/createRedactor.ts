import { BUILT_IN_RULES } from './builtInRules.ts';
import type { BuiltInRuleName, RedactionRule } from './builtInRules.ts';

/** A pattern of your own, e.g. `{ name: 'order', pattern: /ORD-\d{4}/g }`. */
export interface RedactionPattern {
  /** Shown in the replacement: `[REDACTED:{name}]`. */
  name: string;
  /** What to replace; a string is compiled as a regular expression. Always applied globally. */
  pattern: RegExp | string;
  /** Replacement text (`$1`-style groups work). Default: `[REDACTED:{name}]`. */
  replacement?: string;
}

export interface RedactionOptions {
  /** Built-in rules to apply. Default: all of `email`, `card` (Luhn-checked numbers) and `secret` (API keys, tokens, passwords). */
  builtIn?: readonly BuiltInRuleName[];
  /** Your own patterns, applied after the built-in ones. Default: none. */
  patterns?: readonly RedactionPattern[];
}

/** Replaces what the rules find in a text; returns the text itself when nothing matched. */
export type Redactor = (text: string) => string;

export const ALL_BUILT_IN_RULES: readonly BuiltInRuleName[] = ['email', 'card', 'secret'];

/** Compiles redaction options, once, into a function. `false` gives the identity. */
export function createRedactor(options: RedactionOptions | false = {}): Redactor {
  if (options === false) return (text) => text;
  const rules: RedactionRule[] = [
    ...(options.builtIn ?? ALL_BUILT_IN_RULES).flatMap((name) => BUILT_IN_RULES[name] ?? []),
    ...(options.patterns ?? []).map(toRule),
  ];
  return (text) => {
    let result = text;
    for (const rule of rules) result = applyRule(rule, result);
    return result;
  };
}

function applyRule(rule: RedactionRule, text: string): string {
  if (rule.mayMatch && !rule.mayMatch(text)) return text;
  // test() first: most text matches nothing, and a search that finds nothing builds no new string.
  rule.pattern.lastIndex = 0;
  if (!rule.pattern.test(text)) return text;
  const replacement = rule.replacement ?? `[REDACTED:${rule.name}]`;
  if (!rule.accept) return text.replace(rule.pattern, replacement);
  const accept = rule.accept;
  return text.replace(rule.pattern, (match) => (accept(match) ? replacement : match));
}

function toRule(pattern: RedactionPattern): RedactionRule {
  const source = typeof pattern.pattern === 'string' ? new RegExp(pattern.pattern, 'g') : pattern.pattern;
  const global = source.global ? source : new RegExp(source.source, `${source.flags}g`);
  return { name: pattern.name, pattern: global, replacement: pattern.replacement };
}
