import { CONTENT_ATTRIBUTE_PREFIXES, CONTENT_ATTRIBUTES, REDACTED_TEXT_ATTRIBUTES } from '@trumpets/protocol/conventions';
import { createRedactor, type RedactionPattern } from '@trumpets/instrumentation/redaction';
import type { DecodedSpan } from '../otlp/types.ts';

/**
 * The collector's redaction, a second line behind the tracer's: the same built-in rules (e-mails,
 * Luhn-checked card numbers, secrets) plus configured patterns, applied before anything is
 * spooled or stored to the attributes that carry content or free text, on spans and their events.
 * Agents that do not use our tracer (or switched its redaction off) are covered too.
 */
export function createSpanRedactor(options: {
  enabled: boolean;
  patterns: readonly RedactionPattern[];
}): (spans: readonly DecodedSpan[]) => void {
  if (!options.enabled) return () => {};
  const redact = createRedactor({ patterns: options.patterns });
  const redactAttributes = (attributes: Record<string, string>) => {
    for (const key in attributes) {
      if (isRedactable(key)) attributes[key] = redact(attributes[key]!);
    }
  };
  return (spans) => {
    for (const span of spans) {
      redactAttributes(span.attributes);
      for (const event of span.events) redactAttributes(event.attributes);
    }
  };
}

function isRedactable(key: string): boolean {
  if (CONTENT_ATTRIBUTES.has(key) || REDACTED_TEXT_ATTRIBUTES.has(key)) return true;
  for (const prefix of CONTENT_ATTRIBUTE_PREFIXES) if (key.startsWith(prefix)) return true;
  return false;
}
