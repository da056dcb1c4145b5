import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { silentLogger } from '../log/logger.ts';
import { startCollector } from '../startCollector.ts';
import { EmbeddedStore } from '../store/embeddedStore.ts';
import { otlpJson, randomHexId } from '../testing/otlpRequests.ts';

const dir = mkdtempSync(join(tmpdir(), 'trumpets-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runCollector(send: (url: string) => Promise<void>) {
  const defaults = loadConfig({});
  const store = new EmbeddedStore(join(dir, 'data'));
  const collector = await startCollector(
    { ...defaults, port: 0, dataDir: join(dir, 'data'), assemblyIntervalMs: 10, spool: { ...defaults.spool, dir: join(dir, 'spool') } },
    silentLogger,
    store,
  );
  await send(collector.url);
  await collector.settle();
  const rows = await store.query<{ ToolCallCount: number; Outcome: string }>('SELECT ToolCallCount, Outcome FROM episodes FINAL');
  await collector.close();
  return rows;
}

describe('an episode split across a collector restart', () => {
  it('counts the tools that arrived before the restart once the root arrives after it', async () => {
    const traceId = randomHexId(16);
    const rootId = randomHexId(8);
    const post = (url: string, body: object) =>
      fetch(`${url}/v1/traces`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }).then((r) =>
        expect(r.status).toBe(200),
      );
    const tools = [1, 2].map(() => ({
      traceId,
      spanId: randomHexId(8),
      parentSpanId: rootId,
      name: 'execute_tool t',
      attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 't' },
    }));

    expect(await runCollector((url) => post(url, otlpJson(tools)))).toEqual([]);
    const root = {
      traceId,
      spanId: rootId,
      name: 'invoke_agent a',
      attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'a', 'trumpets.episode.outcome': 'success' },
    };
    expect(await runCollector((url) => post(url, otlpJson([root])))).toEqual([{ ToolCallCount: 2, Outcome: 'success' }]);
  });
});
