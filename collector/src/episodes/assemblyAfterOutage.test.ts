import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger.ts';
import { decodeOtlpRequest } from '../otlp/index.ts';
import { SPAN_COLUMNS, spanRows } from '../spans/spanRows.ts';
import { EmbeddedStore } from '../store/embeddedStore.ts';
import { runMigrations } from '../store/migrations.ts';
import { FaultyStore } from '../testing/FaultyStore.ts';
import { otlpJson, randomHexId, type TestSpan } from '../testing/otlpRequests.ts';
import { EpisodeAssembler } from './EpisodeAssembler.ts';

const dir = mkdtempSync(join(tmpdir(), 'trumpets-assembly-outage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An agent run: a root and two tool calls under it. */
function agentRun(): TestSpan[] {
  const traceId = randomHexId(16);
  const rootId = randomHexId(8);
  const tool = (name: string): TestSpan => ({
    traceId,
    spanId: randomHexId(8),
    parentSpanId: rootId,
    name: `execute_tool ${name}`,
    attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': name },
  });
  return [
    {
      traceId,
      spanId: rootId,
      name: 'invoke_agent',
      attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'outage' },
    },
    tool('lookup'),
    tool('refund'),
  ];
}

describe('episode assembly through a store outage', () => {
  it('assembles every episode whose spans left memory during the outage, from the store once the spool drained them', async () => {
    const store = new FaultyStore(new EmbeddedStore(join(dir, 'data')));
    await runMigrations(store);
    // Room in memory for one trace and a bit: an outage longer than the memory holds.
    const assembler = new EpisodeAssembler(store, { intervalMs: 60_000, maxTextChars: 1000, maxSpans: 4, retainMs: 600_000 }, silentLogger);
    const runs = [agentRun(), agentRun(), agentRun()];
    const decoded = runs.map((run) => decodeOtlpRequest(Buffer.from(JSON.stringify(otlpJson(run))), 'json').spans);

    store.refuseWrites('store outage');
    for (const spans of decoded) assembler.addSpans(spans);
    await assembler.flush();
    expect(assembler.stats.spansInMemory).toBeLessThanOrEqual(4);

    store.refuseWrites(undefined);
    await assembler.flush();
    // The spool drainer stores the spans, then says so.
    await store.insertRowBinary('spans', SPAN_COLUMNS, spanRows(decoded.flat()));
    assembler.noteStored(runs.map((run) => run[0]!.traceId));
    await assembler.flush();

    try {
      const rows = await store.query<{ tools: string }>(
        'SELECT count(t.SpanId) AS tools FROM (SELECT EpisodeId FROM episodes FINAL WHERE TraceId IN {ids:Array(String)}) AS e ' +
          'LEFT JOIN (SELECT EpisodeId, SpanId FROM tool_calls FINAL) AS t ON t.EpisodeId = e.EpisodeId GROUP BY e.EpisodeId',
        { ids: runs.map((run) => run[0]!.traceId) },
      );
      expect(rows.map((row) => Number(row.tools))).toEqual([2, 2, 2]);
    } finally {
      await store.close();
    }
  });
});
