import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { withEpisode } from '../episode.ts';
import { setup } from '../setup.ts';
import type { TrumpetsHandle } from '../setup.ts';
import { traceTool } from '../tools.ts';

/** A loopback port nothing listens on: connecting is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A stand-in collector on a given port that accepts every export. */
async function acceptingCollector(port: number): Promise<Server> {
  const server = createServer((request, response) => {
    request.resume().on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

const lookup = traceTool('lookup_order', async (n: number) => ({ id: `ORD-${n}`, amount: n * 10 }));
const decide = traceTool('check_refund_policy', async (amount: number) => (amount > 200 ? 'needs approval' : 'refunded'));

/** A small agent: three spans per episode, an answer that depends on its tools. */
function agent(n: number): Promise<string> {
  return withEpisode({ agent: 'support-agent', workflow: 'refund', input: `refund ${n}` }, async (episode) => {
    const order = await lookup(n);
    const answer = `${order.id}: ${await decide(order.amount)}`;
    episode.setOutput(answer);
    return answer;
  });
}

describe('when the collector is unreachable', () => {
  let tracing: TrumpetsHandle | undefined;
  afterEach(async () => {
    await tracing?.shutdown();
    tracing = undefined;
  });

  it("leaves the agent's results unchanged, keeps the queue bounded and warns once", async () => {
    const episodes = 1000;
    const untraced: string[] = [];
    for (let n = 0; n < episodes; n++) untraced.push(await agent(n));

    const warnings: string[] = [];
    tracing = setup({
      endpoint: `http://127.0.0.1:${await closedPort()}/v1/traces`,
      exportTimeoutMillis: 200,
      maxQueueSize: 200,
      flushOnExit: false,
      logger: { warn: (message) => warnings.push(message) },
    });
    const traced: string[] = [];
    let mostQueued = 0;
    for (let n = 0; n < episodes; n++) {
      traced.push(await agent(n));
      mostQueued = Math.max(mostQueued, tracing.stats().queuedSpans);
      // Let the exporter try (and fail) now and then, as it would between requests.
      if (n % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await tracing.shutdown();

    expect(traced).toEqual(untraced);
    const stats = tracing.stats();
    expect(mostQueued).toBeLessThanOrEqual(200);
    expect(stats.droppedSpans).toBeGreaterThan(0);
    expect(stats.failedSpans).toBeGreaterThan(0);
    expect(stats.exportedSpans).toBe(0);
    // Every span is accounted for: each one was either refused by the network or dropped at the bound.
    expect(stats.failedSpans + stats.droppedSpans + stats.queuedSpans).toBe(episodes * 3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^@trumpets\/instrumentation: (cannot deliver spans to http:\/\/127\.0\.0\.1:\d+\/v1\/traces|the export queue is full)/,
    );
  });

  it('warns once per outage and says when delivery works again, with how much was lost', async () => {
    const port = await closedPort();
    const warnings: string[] = [];
    tracing = setup({
      endpoint: `http://127.0.0.1:${port}/v1/traces`,
      exportTimeoutMillis: 200,
      flushOnExit: false,
      logger: { warn: (message) => warnings.push(message) },
    });
    for (let n = 0; n < 2; n++) {
      await agent(n);
      await tracing.forceFlush();
    }
    const collector = await acceptingCollector(port);
    try {
      await agent(3);
      await tracing.forceFlush();
    } finally {
      await new Promise((resolve) => collector.close(resolve));
    }
    // A second outage is a new one: it is said again.
    await agent(4);
    await tracing.forceFlush();

    const outage = expect.stringMatching(/cannot deliver spans to http:\/\/127\.0\.0\.1:\d+\/v1\/traces \((ECONNREFUSED|ECONNRESET)/);
    expect(warnings).toEqual([outage, expect.stringMatching(/delivering spans again; 6 spans were lost meanwhile$/), outage]);
    expect(tracing.stats()).toMatchObject({ failedSpans: 9, exportedSpans: 3, droppedSpans: 0 });
  });
});
