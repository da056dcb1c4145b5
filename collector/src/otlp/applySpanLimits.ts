import type { DecodedSpan } from './types.ts';

export interface SpanLimits {
  maxAttributesPerSpan: number;
  maxAttributeLength: number;
}

/** Set on a span that lost attributes to the limit: how many were dropped. */
export const DROPPED_ATTRIBUTES = 'trumpets.limits.dropped_attributes';
/** Set on a span whose values were cut to the length limit: which keys. */
export const TRUNCATED_ATTRIBUTES = 'trumpets.limits.truncated_attributes';

/**
 * Caps what one span may carry, in place: attributes past the count limit are dropped (counted
 * on the span, as OpenTelemetry SDKs do), values past the length limit are cut (and named on the
 * span), so a reader of the stored data knows it is partial. Returns how many spans were touched.
 */
export function applySpanLimits(spans: readonly DecodedSpan[], limits: SpanLimits): number {
  let limited = 0;
  for (const span of spans) {
    const spanChanged = limitAttributes(span.attributes, limits);
    let eventChanged = false;
    for (const event of span.events) eventChanged = limitAttributes(event.attributes, limits) || eventChanged;
    if (spanChanged || eventChanged) limited += 1;
  }
  return limited;
}

function limitAttributes(attributes: Record<string, string>, limits: SpanLimits): boolean {
  let count = 0;
  let dropped = 0;
  let truncated: string[] | undefined;
  for (const key in attributes) {
    count += 1;
    if (count > limits.maxAttributesPerSpan) {
      delete attributes[key];
      dropped += 1;
      continue;
    }
    const value = attributes[key]!;
    if (value.length > limits.maxAttributeLength) {
      attributes[key] = value.slice(0, limits.maxAttributeLength);
      (truncated ??= []).push(key);
    }
  }
  if (dropped > 0) attributes[DROPPED_ATTRIBUTES] = String(dropped);
  if (truncated) attributes[TRUNCATED_ATTRIBUTES] = truncated.join(',');
  return dropped > 0 || truncated !== undefined;
}
