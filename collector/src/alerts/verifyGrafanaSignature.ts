import { createHmac, timingSafeEqual } from 'node:crypto';

export interface WebhookSigning {
  /** The HMAC secret set on Grafana's contact point; unset: signatures are not checked. */
  secret?: string;
  signatureHeader: string;
  timestampHeader: string;
  /** Largest accepted distance between the timestamp and now, in ms. */
  toleranceMs: number;
}

/**
 * Checks Grafana's HMAC-SHA256 signature: lowercase hex over `timestamp:body`, compared in constant
 * time, with the timestamp (Unix seconds, or milliseconds) within the tolerance of now. Returns
 * why it fails, or undefined when it holds (or no secret is set).
 */
export function signatureProblem(
  signing: WebhookSigning,
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
  nowMs: number,
): string | undefined {
  if (!signing.secret) return undefined;
  const signature = single(headers[signing.signatureHeader.toLowerCase()]);
  if (!signature) return `unsigned: the ${signing.signatureHeader} header is missing and a webhook secret is set`;
  const stamp = single(headers[signing.timestampHeader.toLowerCase()]);
  if (!stamp || !/^\d{1,16}$/.test(stamp)) return `the ${signing.timestampHeader} header is missing or not a Unix timestamp`;
  const stampMs = stamp.length > 11 ? Number(stamp) : Number(stamp) * 1000;
  if (Math.abs(nowMs - stampMs) > signing.toleranceMs)
    return `stale: the ${signing.timestampHeader} is ${Math.round((nowMs - stampMs) / 1000)} s from now (at most ±${signing.toleranceMs / 1000} s)`;
  const expected = createHmac('sha256', signing.secret).update(`${stamp}:`).update(body).digest();
  const presented = /^[0-9a-f]{64}$/.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return 'the signature does not match the body';
  return undefined;
}

/** What Grafana sends: lowercase hex of HMAC-SHA256 over `timestamp:body` (for tests and for setting up a stand-in). */
export function signGrafanaBody(secret: string, timestamp: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}:`).update(body).digest('hex');
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
