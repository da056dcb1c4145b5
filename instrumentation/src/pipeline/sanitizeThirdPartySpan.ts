import type { AttributeValue, Attributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  CONTENT_ATTRIBUTES,
  CONTENT_ATTRIBUTE_PREFIXES,
  FINISH_REASON,
  GEN_AI,
  REDACTED_TEXT_ATTRIBUTES,
  THIRD_PARTY,
} from '@trumpets/protocol/conventions';
import { cut } from '../internal/content.ts';
import type { TracerSettings } from '../internal/settings.ts';

/** Anthropic stop reasons in the conventions' spelling, as OpenLLMetry maps them. */
const ANTHROPIC_FINISH_REASONS: Readonly<Record<string, string>> = {
  end_turn: FINISH_REASON.STOP,
  stop_sequence: FINISH_REASON.STOP,
  max_tokens: FINISH_REASON.LENGTH,
  tool_use: FINISH_REASON.TOOL_CALL,
  refusal: FINISH_REASON.CONTENT_FILTER,
};

/**
 * Applies our rules to a span another instrumentation made (an LLM SDK, OpenLLMetry, OpenInference),
 * just before export: content redacted and cut, or left out when capture is off; error text
 * redacted; names normalised where we know a better one. Our own spans got this when they were
 * recorded. Changes the span in place: it has ended, and the exporter is the last to read it.
 */
export function sanitizeThirdPartySpan(span: ReadableSpan, settings: TracerSettings): void {
  sanitizeAttributes(span.attributes, settings);
  for (const event of span.events) if (event.attributes) sanitizeAttributes(event.attributes, settings);
  if (span.status.message) span.status.message = settings.redact(span.status.message);
  normaliseFinishReason(span.attributes);
}

function sanitizeAttributes(attributes: Attributes, settings: TracerSettings): void {
  for (const key of Object.keys(attributes)) {
    const value = attributes[key];
    if (isContent(key)) {
      if (settings.captureContent) attributes[key] = mapText(value, (text) => cut(settings.redact(text), settings.maxContentChars));
      else delete attributes[key];
    } else if (REDACTED_TEXT_ATTRIBUTES.has(key)) {
      attributes[key] = mapText(value, settings.redact);
    }
  }
}

function isContent(key: string): boolean {
  return CONTENT_ATTRIBUTES.has(key) || CONTENT_ATTRIBUTE_PREFIXES.some((prefix) => key.startsWith(prefix));
}

function mapText(value: AttributeValue | undefined, change: (text: string) => string): AttributeValue | undefined {
  if (typeof value === 'string') return change(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || item == null)) {
    return (value as Array<string | null | undefined>).map((item) => (typeof item === 'string' ? change(item) : item));
  }
  return value;
}

/** The Anthropic SDK's own spans name the stop reason their way; the collector reads the conventions' name. */
function normaliseFinishReason(attributes: Attributes): void {
  const stopReason = attributes[THIRD_PARTY.ANTHROPIC_STOP_REASON];
  if (typeof stopReason !== 'string' || attributes[GEN_AI.RESPONSE_FINISH_REASONS] !== undefined) return;
  attributes[GEN_AI.RESPONSE_FINISH_REASONS] = [ANTHROPIC_FINISH_REASONS[stopReason] ?? stopReason];
}
