import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokensSchema } from '../http/apiTokens.ts';
import { startInProcessCollector, type InProcessCollector } from '../testing/inProcessCollector.ts';
import { otlpJson, randomHexId, type TestSpan } from '../testing/otlpRequests.ts';

const READER = 'reader-secret-0123456789';
let harness: InProcessCollector;

beforeAll(async () => {
  harness = await startInProcessCollector({
    tokens: tokensSchema.parse(`all:test-secret-0123456789abcdef:ingest+read+act,reader:${READER}:read`),
    corsOrigins: ['https://grafana.example.com'],
    limits: {
      maxSpansPerRequest: 5,
      maxAttributesPerSpan: 3,
      maxAttributeLength: 10,
      maxAttributeDepth: 2,
      spansPerSecondPerCaller: 8,
      maxSpanAgeMs: 3650 * 86_400_000,
      maxSpanFutureMs: 3_600_000,
    },
  });
});
afterAll(() => harness.close());

const json = (spans: TestSpan[]) => JSON.stringify(otlpJson(spans));
const spans = (traceId: string, count: number, attributes: Record<string, string> = {}): TestSpan[] =>
  Array.from({ length: count }, () => ({ traceId, spanId: randomHexId(8), name: 's', attributes }));
const raw = (path: string, init: RequestInit = {}) => fetch(`${harness.collector.url}${path}`, init);

describe('tokens and scopes', () => {
  it('refuses OTLP without a token (401), with an unknown one (401) and with one lacking the ingest scope (403)', async () => {
    const body = json(spans(randomHexId(16), 1));
    const headers = { 'content-type': 'application/json' };
    const none = await raw('/v1/traces', { method: 'POST', body, headers });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { message: string }).message).toMatch(/Bearer/);
    expect(
      (await raw('/v1/traces', { method: 'POST', body, headers: { ...headers, authorization: 'Bearer not-a-token-at-all' } })).status,
    ).toBe(401);
    const reader = await raw('/v1/traces', { method: 'POST', body, headers: { ...headers, authorization: `Bearer ${READER}` } });
    expect(reader.status).toBe(403);
    expect(((await reader.json()) as { message: string }).message).toBe("token 'reader' lacks the 'ingest' scope");
  });

  it('keeps health open and puts metrics behind the read scope', async () => {
    expect((await raw('/healthz')).status).toBe(200);
    expect((await raw('/readyz')).status).toBe(200);
    expect((await raw('/metrics')).status).toBe(401);
    expect((await raw('/metrics', { headers: { authorization: `Bearer ${READER}` } })).status).toBe(200);
  });

  it('needs the act scope for writes to the API', async () => {
    const write = await raw('/api/anything', { method: 'POST', headers: { authorization: `Bearer ${READER}` } });
    expect(write.status).toBe(403);
  });

  it('answers CORS only for configured origins', async () => {
    const allowed = await raw('/healthz', { headers: { origin: 'https://grafana.example.com' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://grafana.example.com');
    const other = await raw('/healthz', { headers: { origin: 'https://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('limits', () => {
  it('refuses a request with more spans than allowed with 413 and says the limit', async () => {
    const response = await harness.post(json(spans(randomHexId(16), 6)), { 'content-type': 'application/json' });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { message: string }).message).toMatch(/6 spans; the limit is 5/);
  });

  it('drops attributes past the count limit and cuts long values, marking both on the stored span', async () => {
    const traceId = randomHexId(16);
    const response = await harness.post(json(spans(traceId, 1, { a: 'short', b: 'a value that is far too long', c: 'x', d: 'dropped' })), {
      'content-type': 'application/json',
    });
    expect(response.status).toBe(200);
    await harness.collector.settle();
    const [row] = await harness.store.query<{ SpanAttributes: Record<string, string> }>(
      'SELECT SpanAttributes FROM spans FINAL WHERE TraceId = {t:String}',
      {
        t: traceId,
      },
    );
    expect(row?.SpanAttributes).toEqual({
      a: 'short',
      b: 'a value th',
      c: 'x',
      'trumpets.limits.dropped_attributes': '1',
      'trumpets.limits.truncated_attributes': 'b',
    });
  });

  it('rejects a span whose attribute value nests deeper than allowed, keeping its neighbour', async () => {
    const traceId = randomHexId(16);
    const nested = (depth: number): object => (depth === 0 ? { stringValue: 'x' } : { arrayValue: { values: [nested(depth - 1)] } });
    const request = otlpJson(spans(traceId, 2));
    const badSpan = request.resourceSpans[0]!.scopeSpans[0]!.spans[1]! as { attributes: object[] };
    badSpan.attributes = [{ key: 'deep', value: nested(4) }];
    const response = await harness.post(JSON.stringify(request), { 'content-type': 'application/json' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { partialSuccess: { rejectedSpans: string; errorMessage: string } };
    expect(body.partialSuccess.rejectedSpans).toBe('1');
    expect(body.partialSuccess.errorMessage).toMatch(/nested deeper than 2 levels/);
  });

  it('answers 429 with Retry-After once a token sends spans faster than its rate', async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 10 && !limited; i++) {
      const response = await harness.post(json(spans(randomHexId(16), 5)), { 'content-type': 'application/json' });
      if (response.status === 429) limited = response;
      else expect(response.status).toBe(200);
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

describe('metrics', () => {
  it('counts received, accepted and rejected spans in Prometheus text format', async () => {
    const text = await (await harness.request('/metrics')).text();
    expect(text).toMatch(/^trumpets_spans_accepted_total \d+/m);
    expect(text).toMatch(/^trumpets_spans_rejected_total\{reason="too_large"\} 6$/m);
    expect(text).toMatch(/^trumpets_spans_rejected_total\{reason="rate_limited"\} 5$/m);
    expect(text).toMatch(/^trumpets_spool_bytes \d+/m);
    expect(text).toMatch(/^trumpets_engine_memory_bytes\{kind="tracked"\} [1-9]\d*$/m);
    expect(text).toMatch(/^trumpets_engine_memory_bytes\{kind="mark_cache"\} \d+$/m);
    expect(text).toMatch(/^trumpets_otlp_requests_total\{status="401"\} 2$/m);
    expect(text).toMatch(/^trumpets_otlp_requests_total\{status="403"\} 1$/m);
  });
});
