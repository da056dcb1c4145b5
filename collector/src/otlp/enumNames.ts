/** OTLP enums as stored: the proto value name without its prefix. */

const SPAN_KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const STATUS_CODES = ['UNSET', 'OK', 'ERROR'];

const SPAN_KIND_BY_PROTO_NAME = new Map(SPAN_KINDS.map((kind) => [`SPAN_KIND_${kind}`, kind]));
const STATUS_CODE_BY_PROTO_NAME = new Map(STATUS_CODES.map((code) => [`STATUS_CODE_${code}`, code]));

// OTLP/JSON may write an enum as its number or as its proto name. Values from a newer spec than
// ours are not worth losing the span over: they read as the unset value.

export function spanKindName(value: unknown): string {
  const name = typeof value === 'number' ? SPAN_KINDS[value] : typeof value === 'string' ? SPAN_KIND_BY_PROTO_NAME.get(value) : undefined;
  return name ?? 'UNSPECIFIED';
}

export function statusCodeName(value: unknown): string {
  const name =
    typeof value === 'number' ? STATUS_CODES[value] : typeof value === 'string' ? STATUS_CODE_BY_PROTO_NAME.get(value) : undefined;
  return name ?? 'UNSET';
}
