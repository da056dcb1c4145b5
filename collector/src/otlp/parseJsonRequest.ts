import { isAscii } from 'node:buffer';
import { z } from 'zod';
import { OtlpDecodeError } from './OtlpDecodeError.ts';
import type { OtlpRequestLike } from './otlpRequestToSpans.ts';

// Only the containers down to the span lists: a wrong shape there has no spans to salvage.
// Spans themselves are checked one by one while decoding, which is much faster than zod per span.
const ScopeSpansJson = z.looseObject({
  scope: z.looseObject({}).nullish(),
  spans: z.array(z.unknown()).nullish(),
});
const ResourceSpansJson = z.looseObject({
  resource: z.looseObject({}).nullish(),
  scopeSpans: z.array(ScopeSpansJson).nullish(),
});
const ExportTraceServiceRequestJson = z.looseObject({
  resourceSpans: z.array(ResourceSpansJson).nullish(),
});

/** OTLP/JSON body → the request object, its containers checked. */
export function parseJsonRequest(body: Buffer): OtlpRequestLike {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText(body));
  } catch (error) {
    throw new OtlpDecodeError(`body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const checked = ExportTraceServiceRequestJson.safeParse(hasSnakeCaseKeys(parsed) ? camelCaseKeys(parsed) : parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new OtlpDecodeError(`body is not a valid OTLP/JSON ExportTraceServiceRequest: ${where}${issue?.message ?? 'invalid'}`, {
      cause: checked.error,
    });
  }
  return checked.data;
}

/**
 * ASCII bytes read the same as latin1, which V8 copies straight into a string: about 50× faster than
 * UTF-8 decoding, which otherwise costs as much as JSON.parse itself.
 */
function bodyText(body: Buffer): string {
  return isAscii(body) ? body.toString('latin1') : body.toString('utf8');
}

/**
 * OTLP/JSON requires lowerCamelCase keys, but some hand-written senders use the proto field names.
 * Only then is the whole request rewritten, so camelCase senders pay one key lookup.
 */
function hasSnakeCaseKeys(parsed: unknown): boolean {
  return typeof parsed === 'object' && parsed !== null && 'resource_spans' in parsed;
}

function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (typeof value !== 'object' || value === null) return value;
  // Object keys in OTLP/JSON are always field names; attribute keys are values of `key` fields.
  const renamed: Record<string, unknown> = Object.create(null);
  for (const [key, inner] of Object.entries(value)) {
    renamed[key.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase())] = camelCaseKeys(inner);
  }
  return renamed;
}
