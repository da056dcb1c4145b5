import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInProcessCollector, type InProcessCollector } from '../testing/inProcessCollector.ts';
import { otlpJson, otlpProtobuf, type TestSpan } from '../testing/otlpRequests.ts';

/**
 * Property: whatever bytes arrive, the collector answers 2xx or 4xx (never 5xx, never a dropped
 * connection) and keeps serving. 10,000 bodies: mutated real requests in both encodings, random
 * JSON shaped like OTLP with wrong types, and random headers.
 */
let harness: InProcessCollector;
beforeAll(async () => {
  harness = await startInProcessCollector({ maxBodyBytes: 256 * 1024 });
});
afterAll(() => harness.close());

const validSpans: TestSpan[] = [
  {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    name: 'invoke_agent a',
    attributes: { 'gen_ai.operation.name': 'invoke_agent', n: 3 },
  },
  {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'c7ad6b7169203331',
    parentSpanId: 'b7ad6b7169203331',
    name: 'execute_tool t',
    attributes: { x: 1.5 },
  },
];
const protobufBody = otlpProtobuf(validSpans);
const jsonBody = JSON.stringify(otlpJson(validSpans));

/** A real body with bytes flipped, cut short, or spliced in. */
const mutated = (original: Buffer) =>
  fc
    .record({
      flips: fc.array(fc.tuple(fc.nat({ max: original.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      cut: fc.option(fc.nat({ max: original.length }), { nil: undefined }),
      splice: fc.option(fc.tuple(fc.nat({ max: original.length }), fc.uint8Array({ maxLength: 32 })), { nil: undefined }),
    })
    .map(({ flips, cut, splice }) => {
      let bytes = Buffer.from(original);
      for (const [at, value] of flips) bytes[at] = value;
      if (splice) bytes = Buffer.concat([bytes.subarray(0, splice[0]), Buffer.from(splice[1]), bytes.subarray(splice[0])]);
      return cut === undefined ? bytes : bytes.subarray(0, cut);
    });

/** OTLP/JSON with random values where the spec has ids, times, kinds and attributes. */
const otlpShaped = fc
  .record({
    traceId: fc.oneof(fc.string(), fc.stringMatching(/^[0-9a-f]{32}$/), fc.anything()),
    spanId: fc.oneof(fc.string(), fc.stringMatching(/^[0-9a-f]{16}$/), fc.anything()),
    name: fc.anything(),
    kind: fc.oneof(fc.integer(), fc.string(), fc.anything()),
    startTimeUnixNano: fc.oneof(fc.bigInt().map(String), fc.integer(), fc.anything()),
    endTimeUnixNano: fc.oneof(fc.bigInt().map(String), fc.integer(), fc.anything()),
    attributes: fc.oneof(fc.array(fc.record({ key: fc.anything(), value: fc.anything() })), fc.anything()),
    events: fc.anything(),
    status: fc.anything(),
  })
  .map((span) =>
    JSON.stringify({ resourceSpans: [{ resource: { attributes: fc.sample(fc.anything(), 1) }, scopeSpans: [{ spans: [span] }] }] }),
  );

async function expectHandled(body: Buffer | string, headers: Record<string, string>): Promise<void> {
  const response = await harness.post(body, headers);
  await response.arrayBuffer();
  expect(response.status, `status for a ${body.length}-byte body with ${JSON.stringify(headers)}`).toBeLessThan(500);
}

describe('OTLP fuzzing', () => {
  it('answers mutated protobuf requests with 2xx or 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(protobufBody), (body) => expectHandled(body, { 'content-type': 'application/x-protobuf' })),
      { numRuns: 3500 },
    );
  });

  it('answers mutated JSON requests, plain and gzipped, with 2xx or 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(Buffer.from(jsonBody)), fc.boolean(), (body, gzip) =>
        expectHandled(
          gzip ? gzipSync(body) : body,
          gzip ? { 'content-type': 'application/json', 'content-encoding': 'gzip' } : { 'content-type': 'application/json' },
        ),
      ),
      { numRuns: 3000 },
    );
  });

  it('answers JSON shaped like OTLP with values of any type with 2xx or 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(otlpShaped, (body) => expectHandled(body, { 'content-type': 'application/json' })),
      { numRuns: 2500 },
    );
  });

  it('answers random bodies with random content types and encodings with 2xx or 4xx, and is still healthy after it all', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 512 }),
        fc.constantFrom('application/json', 'application/x-protobuf', 'text/plain', '', 'application/json; charset=utf-16'),
        fc.constantFrom(undefined, 'gzip', 'deflate', 'br', 'identity'),
        (bytes, contentType, encoding) =>
          expectHandled(Buffer.from(bytes), { 'content-type': contentType, ...(encoding ? { 'content-encoding': encoding } : {}) }),
      ),
      { numRuns: 1000 },
    );
    expect((await harness.request('/healthz')).status).toBe(200);
    expect((await harness.post(protobufBody, { 'content-type': 'application/x-protobuf' })).status).toBe(200);
  });
});
