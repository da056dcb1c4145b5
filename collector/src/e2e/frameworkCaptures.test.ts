import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startInProcessCollector, type InProcessCollector } from '../testing/inProcessCollector.ts';

/**
 * The OTLP bodies real agent frameworks sent through their stock exporters (collector/fixtures/captures,
 * made by its generate/ folder), posted unchanged to the OTLP route: each capture's episodes, tool
 * calls and LLM calls must come out as its expected.json says.
 */
const CAPTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'captures');

const expectedSchema = z.object({
  framework: z.string(),
  packages: z.record(z.string(), z.string()),
  episodes: z.array(
    z.object({
      traceId: z.string(),
      rootSpanId: z.string(),
      agent: z.string(),
      llmCallCount: z.number(),
      inputTokens: z.number(),
      outputTokens: z.number(),
      toolCallCount: z.number(),
      toolCalls: z.array(z.object({ spanId: z.string(), toolName: z.string() })),
    }),
  ),
});

const ENCODINGS = {
  protobuf: { extension: '.pb', contentType: 'application/x-protobuf' },
  json: { extension: '.json', contentType: 'application/json' },
};
type Encoding = keyof typeof ENCODINGS;

const captures = readdirSync(CAPTURES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'generate')
  .map((entry) => {
    const dir = join(CAPTURES_DIR, entry.name);
    const files = readdirSync(dir).sort();
    return {
      dir,
      files,
      expected: expectedSchema.parse(JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'))),
    };
  });

// One embedded store per process at a time: the encodings take turns, each on a fresh collector,
// so the second cannot be read from the rows the first left.
describe.each(Object.keys(ENCODINGS) as Encoding[])('%s captures', (encoding) => {
  let harness: InProcessCollector;
  beforeAll(async () => (harness = await startInProcessCollector()));
  afterAll(() => harness.close());

  it.each(captures)('$expected.framework: episodes, tool calls and LLM calls as expected', async ({ dir, files, expected }) => {
    const { extension, contentType } = ENCODINGS[encoding];
    const bodies = files.filter((file) => file.endsWith(extension) && file !== 'expected.json');
    expect(bodies.length).toBeGreaterThan(0);
    for (const file of bodies) {
      const response = await harness.post(readFileSync(join(dir, file)), { 'content-type': contentType });
      expect(response.status, `${file}: ${await response.text()}`).toBe(200);
    }
    await harness.collector.settle();

    const traceIds = expected.episodes.map((episode) => episode.traceId);
    const episodes = await harness.store.query<Record<string, unknown>>(
      `SELECT TraceId, RootSpanId, Agent, LlmCallCount, InputTokens, OutputTokens, ToolCallCount
       FROM episodes FINAL WHERE TraceId IN {ids:Array(String)} ORDER BY StartTime`,
      { ids: traceIds },
    );
    expect(episodes).toEqual(
      expected.episodes.map((episode) => ({
        TraceId: episode.traceId,
        RootSpanId: episode.rootSpanId,
        Agent: episode.agent,
        LlmCallCount: episode.llmCallCount,
        InputTokens: String(episode.inputTokens),
        OutputTokens: String(episode.outputTokens),
        ToolCallCount: episode.toolCallCount,
      })),
    );
    const tools = await harness.store.query<{ EpisodeId: string; SpanId: string; ToolName: string }>(
      'SELECT EpisodeId, SpanId, ToolName FROM tool_calls FINAL WHERE EpisodeId IN {ids:Array(String)} ORDER BY EpisodeId, SpanId',
      { ids: traceIds },
    );
    const expectedTools = expected.episodes.flatMap((episode) =>
      episode.toolCalls.map((call) => ({ EpisodeId: episode.traceId, SpanId: call.spanId, ToolName: call.toolName })),
    );
    expect(tools).toEqual(expectedTools.sort((a, b) => (a.EpisodeId + a.SpanId).localeCompare(b.EpisodeId + b.SpanId)));
    const llmCalls = await harness.store.query<{ EpisodeId: string; calls: string; input: string; output: string }>(
      `SELECT EpisodeId, count() AS calls, sum(InputTokens) AS input, sum(OutputTokens) AS output
       FROM llm_calls FINAL WHERE EpisodeId IN {ids:Array(String)} GROUP BY EpisodeId`,
      { ids: traceIds },
    );
    expect(new Map(llmCalls.map((row) => [row.EpisodeId, [Number(row.calls), Number(row.input), Number(row.output)]]))).toEqual(
      new Map(expected.episodes.map((episode) => [episode.traceId, [episode.llmCallCount, episode.inputTokens, episode.outputTokens]])),
    );
  });
});
