import type { Span } from '@opentelemetry/api';
import { currentSettings } from './settings.ts';
import { toText } from './text.ts';

/**
 * A content value (input, output, arguments, results) the way the settings say: undefined when
 * capture is off, otherwise redacted, then cut to the maximum length.
 */
export function contentText(value: unknown): string | undefined {
  const settings = currentSettings();
  return settings.captureContent ? cut(settings.redact(toText(value)), settings.maxContentChars) : undefined;
}

export function setContent(span: Span, name: string, value: unknown): void {
  const text = contentText(value);
  if (text !== undefined) span.setAttribute(name, text);
}

/** Text that is not content but may quote it (reasons, error messages): always kept, always redacted. */
export function redactedText(value: unknown): string {
  const settings = currentSettings();
  return cut(settings.redact(toText(value)), settings.maxContentChars);
}

/** Text cut to `maxChars`, saying how much was cut. */
export function cut(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars)}…[truncated ${text.length - maxChars} chars]`;
}
