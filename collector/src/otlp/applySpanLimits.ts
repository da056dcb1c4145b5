import { cutAtCodePoint, wellFormed } from '../shared/wellFormedText.ts';
import type { DecodedSpan } from './types.ts';

export interface SpanLimits {
  maxAttributesPerSpan: number;
  maxAttributeLength: number;
}

/** Set on a span that lost attributes to the limit: how many were dropped. */
export const DROPPED_ATTRIBUTES = 'trumpets.limits.dropped_attributes';
/** Set on a span whose values were cut to the length limit: which keys. */
export const TRUNCATED_ATTRIBUTES = 'trumpets.limits.truncated_attributes';
/** Set on a span whose numbers were out of their range and were clamped into it: which keys. */
export const CLAMPED_ATTRIBUTES = 'trumpets.limits.clamped_attributes';

/** Token counts: non-negative whole numbers a double holds exactly (the store's columns are UInt64, read as JS numbers). */
const TOKEN_KEY =
  /(?:^|[._])(?:input|output|prompt|completion|total|reasoning|cache_read|cache_creation)?_?tokens?(?:$|\.)|token_count\.|Tokens$/;
const MAX_TOKENS = Number.MAX_SAFE_INTEGER;

/**
 * Caps what one span may carry, in place: attributes past the count limit are dropped (counted
 * on the span, as OpenTelemetry SDKs do), values past the length limit are cut at a code point
 * (and named on the span), token counts out of range are clamped (and named), and every text
 * is made well-formed (a lone surrogate becomes U+FFFD), so the store can take every row and a
 * reader knows which values are partial. Returns how many spans were touched.
 */
export function applySpanLimits(spans: readonly DecodedSpan[], limits: SpanLimits): number {
  let limited = 0;
  const resources = new Map<Record<string, string>, Record<string, string>>();
  for (const span of spans) {
    const spanChanged = limitAttributes(span.attributes, limits);
    let eventChanged = false;
    for (const event of span.events) {
      event.name = wellFormed(event.name);
      eventChanged = limitAttributes(event.attributes, limits) || eventChanged;
    }
    for (const link of span.links) {
      link.traceState = wellFormed(link.traceState);
      makeWellFormed(link.attributes);
    }
    span.name = wellFormed(span.name);
    span.statusMessage = wellFormed(span.statusMessage);
    span.traceState = wellFormed(span.traceState);
    span.serviceName = wellFormed(span.serviceName);
    span.scopeName = wellFormed(span.scopeName);
    span.scopeVersion = wellFormed(span.scopeVersion);
    // Spans of one resource share its attributes object, read-only: cleaned once, into a copy if need be.
    let resource = resources.get(span.resourceAttributes);
    if (!resource) {
      resource = wellFormedCopy(span.resourceAttributes);
      resources.set(span.resourceAttributes, resource);
    }
    span.resourceAttributes = resource;
    if (spanChanged || eventChanged) limited += 1;
  }
  return limited;
}

function limitAttributes(attributes: Record<string, string>, limits: SpanLimits): boolean {
  let count = 0;
  let dropped = 0;
  let truncated: string[] | undefined;
  let clamped: string[] | undefined;
  makeWellFormed(attributes);
  for (const key in attributes) {
    count += 1;
    if (count > limits.maxAttributesPerSpan) {
      delete attributes[key];
      dropped += 1;
      continue;
    }
    const value = attributes[key]!;
    if (value.length > limits.maxAttributeLength) {
      attributes[key] = cutAtCodePoint(value, limits.maxAttributeLength);
      (truncated ??= []).push(key);
    } else if (TOKEN_KEY.test(key)) {
      const inRange = clampTokenCount(value);
      if (inRange !== value) {
        attributes[key] = inRange;
        (clamped ??= []).push(key);
      }
    }
  }
  if (dropped > 0) attributes[DROPPED_ATTRIBUTES] = String(dropped);
  if (truncated) attributes[TRUNCATED_ATTRIBUTES] = truncated.join(',');
  if (clamped) attributes[CLAMPED_ATTRIBUTES] = clamped.join(',');
  return dropped > 0 || truncated !== undefined || clamped !== undefined;
}

/** A token count as a whole number in [0, 2^53); text that is no number at all is left for readers to ignore. */
function clampTokenCount(value: string): string {
  const number = Number(value);
  if (value.trim() === '' || Number.isNaN(number)) return value;
  const whole = Math.trunc(Math.min(Math.max(number, 0), MAX_TOKENS));
  return String(whole) === value ? value : String(whole);
}

function makeWellFormed(attributes: Record<string, string>): void {
  for (const key in attributes) {
    const value = attributes[key]!;
    const cleanKey = wellFormed(key);
    const cleanValue = wellFormed(value);
    if (cleanKey !== key) {
      delete attributes[key];
      attributes[cleanKey] = cleanValue;
    } else if (cleanValue !== value) attributes[key] = cleanValue;
  }
}

function wellFormedCopy(attributes: Record<string, string>): Record<string, string> {
  for (const key in attributes) {
    if (wellFormed(key) !== key || wellFormed(attributes[key]!) !== attributes[key]) {
      const copy = { ...attributes };
      makeWellFormed(copy);
      return copy;
    }
  }
  return attributes;
}
