import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { withEpisode } from './episode.ts';
import { setup } from './setup.ts';
import { traceTool } from './tools.ts';
import { DEFAULT_ENDPOINT, resolveEndpoint } from './setupOptions.ts';
import type { TrumpetsHandle } from './setup.ts';

const episode = { agent: 'support-agent', workflow: 'refund', input: 'Refund ORD-1' };

/** An exporter that keeps what it was given, even after shutdown (the in-memory one forgets). */
function collectingExporter(): SpanExporter & { spans: ReadableSpan[] } {
  const spans: ReadableSpan[] = [];
  return {
    spans,
    export: (batch, done) => {
      spans.push(...batch);
      done({ code: ExportResultCode.SUCCESS });
    },
    shutdown: async () => undefined,
  };
}

describe('resolveEndpoint', () => {
  it('defaults to the local collector', () => {
    expect(resolveEndpoint({})).toBe(DEFAULT_ENDPOINT);
    expect(DEFAULT_ENDPOINT).toBe('http://127.0.0.1:4318/v1/traces');
  });

  it('reads TRUMPETS_ENDPOINT as a base URL, ahead of the OTLP variables', () => {
    const otel = { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://otel:4318/v1/traces' };
    expect(resolveEndpoint({ ...otel, TRUMPETS_ENDPOINT: 'https://trumpets.example.com/' })).toBe('https://trumpets.example.com/v1/traces');
  });

  it('takes the OTLP traces endpoint as is and the generic one as a base URL', () => {
    expect(
      resolveEndpoint({
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://otel:4318/custom/path',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318',
      }),
    ).toBe('http://otel:4318/custom/path');
    expect(resolveEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318' })).toBe('http://otel:4318/v1/traces');
  });
});

describe('setup', () => {
  let tracing: TrumpetsHandle | undefined;
  afterEach(async () => {
    await tracing?.shutdown();
    tracing = undefined;
  });

  it('sends episodes as OTLP/JSON to the endpoint, with the headers and service name given', async () => {
    const requests: { url?: string; headers: IncomingHttpHeaders; body: string }[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        requests.push({ url: request.url, headers: request.headers, body });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      tracing = setup({
        serviceName: 'refund-bot',
        endpoint: `http://127.0.0.1:${port}/v1/traces`,
        headers: { authorization: 'Bearer ingest-token' },
      });
      await withEpisode(episode, () => 'done');
      await tracing.forceFlush();
    } finally {
      server.close();
    }

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.url).toBe('/v1/traces');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['authorization']).toBe('Bearer ingest-token');
    const body = JSON.parse(request?.body ?? '') as {
      resourceSpans: {
        resource: { attributes: { key: string; value: { stringValue?: string } }[] };
        scopeSpans: { spans: { name: string }[] }[];
      }[];
    };
    const [resourceSpans] = body.resourceSpans;
    expect(resourceSpans?.resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'refund-bot' } });
    expect(resourceSpans?.scopeSpans.flatMap((scope) => scope.spans.map((span) => span.name))).toEqual(['invoke_agent support-agent']);
  });

  it('exports what is still batched on shutdown', async () => {
    const exporter = collectingExporter();
    tracing = setup({ exporter });
    await withEpisode(episode, () => 'done');
    expect(exporter.spans).toEqual([]);

    await tracing.shutdown();
    tracing = undefined;
    expect(exporter.spans.map((span) => span.name)).toEqual(['invoke_agent support-agent']);
  });

  it('can run again after shutdown, and the new setup gets the spans', async () => {
    const first = collectingExporter();
    const second = collectingExporter();
    await setup({ exporter: first }).shutdown();
    tracing = setup({ exporter: second });
    await withEpisode(episode, () => 'done');
    await tracing.forceFlush();

    expect(first.spans).toEqual([]);
    expect(second.spans.map((span) => span.name)).toEqual(['invoke_agent support-agent']);
  });

  it('takes span times from the clock it is given, so a simulation records durations it never waited for', async () => {
    const exporter = collectingExporter();
    let nowMs = Date.parse('2026-11-30T12:00:00Z');
    tracing = setup({ exporter, clock: () => nowMs });
    const lookup = traceTool('lookup_order', async () => {
      nowMs += 1_250;
      return 'ORD-1';
    });
    await withEpisode(episode, async () => {
      nowMs += 40;
      await lookup();
    });
    await tracing.shutdown();
    const durationMs = (name: string) => {
      const span = exporter.spans.find((candidate) => candidate.name.includes(name))!;
      return span.duration[0] * 1000 + span.duration[1] / 1e6;
    };
    expect(durationMs('lookup_order')).toBe(1_250);
    expect(durationMs('invoke_agent')).toBe(1_290);
    expect(exporter.spans.find((span) => span.name.includes('invoke_agent'))!.startTime[0]).toBe(Date.parse('2026-11-30T12:00:00Z') / 1000);
  });
});
