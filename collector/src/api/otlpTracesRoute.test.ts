import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportTraceServiceResponse, RpcStatus } from '../otlp/traceSchema.ts';
import type { Store } from '../store/Store.ts';
import { startInProcessCollector, type InProcessCollector } from '../testing/inProcessCollector.ts';
import { otlpJson, otlpProtobuf, randomHexId, type TestSpan } from '../testing/otlpRequests.ts';

let harness: InProcessCollector;
let store: Store;

beforeAll(async () => {
  harness = await startInProcessCollector({ maxBodyBytes: 64 * 1024, retryAfterSeconds: 7 });
  store = harness.store;
});
afterAll(() => harness.close());

const post = (body: string | Buffer, headers: Record<string, string>) => harness.post(body, headers);
const postJson = (spans: TestSpan[]) => post(JSON.stringify(otlpJson(spans)), { 'content-type': 'application/json' });

async function storedSpanIds(traceId: string): Promise<string[]> {
  await harness.collector.settle();
  const rows = await store.query<{ SpanId: string }>('SELECT SpanId FROM spans FINAL WHERE TraceId = {t:String} ORDER BY SpanId', {
    t: traceId,
  });
  return rows.map((row) => row.SpanId);
}

function toolSpan(traceId: string, spanId: string, parent: string): TestSpan {
  return {
    traceId,
    spanId,
    parentSpanId: parent,
    name: 'execute_tool t',
    attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 't' },
  };
}

describe('POST /v1/traces', () => {
  it('stores a protobuf request and answers with a protobuf ExportTraceServiceResponse', async () => {
    const traceId = randomHexId(16);
    const response = await post(otlpProtobuf([toolSpan(traceId, randomHexId(8), '')]), { 'content-type': 'application/x-protobuf' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/x-protobuf/);
    const decoded = ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.decode(new Uint8Array(await response.arrayBuffer())));
    expect(decoded.partialSuccess?.rejectedSpans ?? 0).toBe(0);
    expect(await storedSpanIds(traceId)).toHaveLength(1);
  });

  it('stores a gzipped JSON request', async () => {
    const traceId = randomHexId(16);
    const body = gzipSync(JSON.stringify(otlpJson([toolSpan(traceId, randomHexId(8), '')])));
    const response = await post(body, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(response.status).toBe(200);
    expect(await storedSpanIds(traceId)).toHaveLength(1);
  });

  it('keeps the good spans of a request with one bad span and reports the bad one as partial success', async () => {
    const traceId = randomHexId(16);
    const good = [toolSpan(traceId, 'aaaaaaaaaaaaaaa1', ''), toolSpan(traceId, 'aaaaaaaaaaaaaaa2', '')];
    const bad = { ...toolSpan(traceId, 'abc', ''), name: 'broken' };
    const response = await postJson([good[0]!, bad, good[1]!]);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { partialSuccess?: { rejectedSpans?: string | number; errorMessage?: string } };
    expect(Number(body.partialSuccess?.rejectedSpans)).toBe(1);
    expect(body.partialSuccess?.errorMessage).toMatch(/span_?id/i);
    expect(await storedSpanIds(traceId)).toEqual(['aaaaaaaaaaaaaaa1', 'aaaaaaaaaaaaaaa2']);
  });

  it('answers 400 with a readable status for an undecodable body, and keeps serving', async () => {
    const garbage = await post(Buffer.from([0xff, 0xff, 0xff, 0x01, 0x02]), { 'content-type': 'application/x-protobuf' });
    expect(garbage.status).toBe(400);
    const status = RpcStatus.toObject(RpcStatus.decode(new Uint8Array(await garbage.arrayBuffer()))) as { message?: string };
    expect(status.message).toMatch(/protobuf/i);

    const badJson = await post('{"resourceSpans": [', { 'content-type': 'application/json' });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { message: string }).message).toMatch(/JSON/);

    expect((await fetch(`${harness.collector.url}/healthz`)).status).toBe(200);
  });

  it('answers 415 for an unsupported content type', async () => {
    const response = await post('spans', { 'content-type': 'text/plain' });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { message: string }).message).toMatch(/text\/plain/);
  });

  it('answers 413 over the size limit, also when only the inflated body is too large', async () => {
    const big = await post(Buffer.alloc(100 * 1024, 1), { 'content-type': 'application/x-protobuf' });
    expect(big.status).toBe(413);
    const bomb = gzipSync(Buffer.alloc(1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const inflated = await post(bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(inflated.status).toBe(413);
    expect(((await inflated.json()) as { message: string }).message).toMatch(/65536 bytes/);
  });
});
