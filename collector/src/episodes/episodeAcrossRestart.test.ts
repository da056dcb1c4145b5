import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { NO_RETENTION } from '../store/retention.ts';
import { silentLogger } from '../log/logger.ts';
import { startCollector } from '../startCollector.ts';
import { EmbeddedStore } from '../store/embeddedStore.ts';
import { otlpJson, randomHexId } from '../testing/otlpRequests.ts';

const dir = mkdtempSync(join(tmpdir(), 'trumpets-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Read = (store: EmbeddedStore) => Promise<unknown[]>;
const everyEpisode: Read = (store) => store.query('SELECT ToolCallCount, Outcome FROM episodes FINAL');

interface Running {
  url: string;
  settle(): Promise<void>;
  store: EmbeddedStore;
}

async function runCollector(send: (running: Running) => Promise<void>, read = everyEpisode) {
  const defaults = loadConfig({});
  const store = new EmbeddedStore(join(dir, 'data'));
  const collector = await startCollector(
    {
      ...defaults,
      port: 0,
      dataDir: join(dir, 'data'),
      assemblyIntervalMs: 10,
      spool: { ...defaults.spool, dir: join(dir, 'spool') },
      retention: NO_RETENTION,
    },
    silentLogger,
    store,
  );
  await send({ url: collector.url, settle: () => collector.settle(), store });
  await collector.settle();
  const rows = await read(store);
  await collector.close();
  return rows;
}

const post = (url: string, body: object) =>
  fetch(`${url}/v1/traces`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }).then((r) =>
    expect(r.status).toBe(200),
  );

describe('an episode split across a collector restart', () => {
  it('counts the tools that arrived before the restart once the root arrives after it', async () => {
    const traceId = randomHexId(16);
    const rootId = randomHexId(8);
    const tools = [1, 2].map(() => ({
      traceId,
      spanId: randomHexId(8),
      parentSpanId: rootId,
      name: 'execute_tool t',
      attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 't' },
    }));

    expect(await runCollector(({ url }) => post(url, otlpJson(tools)))).toEqual([]);
    const root = {
      traceId,
      spanId: rootId,
      name: 'invoke_agent a',
      attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'a', 'trumpets.episode.outcome': 'success' },
    };
    expect(await runCollector(({ url }) => post(url, otlpJson([root])))).toEqual([{ ToolCallCount: 2, Outcome: 'success' }]);
  });

  /**
   * A sub-agent's span arrives first and is the episode's root until the outer agent's span comes:
   * Agent and StartTime (the sort key, and here the partition: the outer span starts the day
   * before) change, and the row under the old key must go, whether this process still holds the
   * trace or reads it back after a restart.
   */
  describe('when a later outer agent span changes Agent and StartTime', () => {
    const midnightNanos = BigInt(Date.UTC(2026, 10, 30)) * 1_000_000n;
    const agentSpan = (traceId: string, spanId: string, agent: string, startNanos: bigint, parentSpanId?: string) => ({
      traceId,
      spanId,
      parentSpanId,
      name: `invoke_agent ${agent}`,
      startNanos,
      durationNanos: 5_000_000_000n,
      attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': agent, 'trumpets.episode.outcome': 'success' },
    });
    const trace = () => {
      const traceId = randomHexId(16);
      const outerId = randomHexId(8);
      return {
        traceId,
        inner: agentSpan(traceId, randomHexId(8), 'refunds', midnightNanos + 1_000_000_000n, outerId),
        outer: agentSpan(traceId, outerId, 'support', midnightNanos - 1_000_000_000n),
      };
    };
    const rowsOf =
      (traceId: string): Read =>
      (store) =>
        store.query(
          `SELECT Agent, toString(toDate(StartTime)) AS day, toUInt32(count() OVER ()) AS rows FROM episodes FINAL WHERE EpisodeId = {id:String}`,
          { id: traceId },
        );
    const live =
      (traceId: string): Read =>
      (store) =>
        store.query('SELECT Agent FROM episodes WHERE EpisodeId = {id:String} AND IsDeleted = 0 ORDER BY AssembledAt DESC LIMIT 1', {
          id: traceId,
        });

    it('leaves one row, under the new key, when both arrive at one process', async () => {
      const { traceId, inner, outer } = trace();
      const after = await runCollector(async ({ url, settle, store }) => {
        await post(url, otlpJson([inner]));
        await settle();
        expect(await rowsOf(traceId)(store)).toEqual([{ Agent: 'refunds', day: '2026-11-30', rows: 1 }]);
        await post(url, otlpJson([outer]));
      }, rowsOf(traceId));
      expect(after).toEqual([{ Agent: 'support', day: '2026-11-29', rows: 1 }]);
    });

    it('leaves one row when the outer span arrives after a restart, and readers without FINAL see the new one', async () => {
      const { traceId, inner, outer } = trace();
      await runCollector(({ url }) => post(url, otlpJson([inner])));
      expect(await runCollector(({ url }) => post(url, otlpJson([outer])), rowsOf(traceId))).toEqual([
        { Agent: 'support', day: '2026-11-29', rows: 1 },
      ]);
      expect(await runCollector(async () => {}, live(traceId))).toEqual([{ Agent: 'support' }]);
    });
  });
});
