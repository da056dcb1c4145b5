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

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text cut to `maxChars`, saying how much was cut. The cut never splits a surrogate pair, and a
 * lone surrogate becomes U+FFFD: stores refuse text that is not well-formed UTF-16.
 */
export function cut(text: string, maxChars: number): string {
  const whole = /[\uD800-\uDFFF]/.test(text) ? text.replace(LONE_SURROGATE, '\uFFFD') : text;
  if (whole.length <= maxChars) return whole;
  const last = whole.charCodeAt(maxChars - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? maxChars - 1 : maxChars;
  return `${whole.slice(0, end)}…[truncated ${whole.length - end} chars]`;
}
