import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useMemoryTracing } from '../testing/useMemoryTracing.ts';
import { BENCHMARK } from '@trumpets/protocol/conventions';
import { stderrProgress, type BenchmarkProgress } from './progress.ts';
import { runBenchmark } from './runBenchmark.ts';
import { matchesReference } from './scorers.ts';

/**
 * The runner against a stand-in for the collector's two run endpoints (the real collector is
 * exercised end to end in collector/src/proposals/validateAndGate.e2e.test.ts).
 */
const cases = [
  { caseId: 'c-ok', input: 'two plus two', reference: '4', tags: [], workflow: 'math' },
  { caseId: 'c-wrong', input: 'three plus three', reference: '6', tags: ['edge'], workflow: '' },
  { caseId: 'c-throws', input: 'divide by zero', reference: null, tags: [], workflow: 'math' },
];
const registered = {
  runId: 'run-1',
  agent: 'calculator',
  configVersion: 'a'.repeat(64),
  setId: 'arith',
  setVersion: 3,
  config: { precision: 2 },
  cases,
};
const requests: Array<{ path: string; body: any; authorization?: string }> = [];
let server: Server;
let baseUrl = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      requests.push({ path: req.url!, body: JSON.parse(text), authorization: req.headers.authorization });
      res.setHeader('content-type', 'application/json');
      if (req.url === '/api/benchmark-runs') res.end(JSON.stringify(registered));
      else if (req.url === '/api/benchmark-runs/run-1/results') res.end(JSON.stringify({ reported: 0 }));
      else res.writeHead(404).end(JSON.stringify({ message: 'no proposal' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const answers: Record<string, string> = { 'two plus two': '4', 'three plus three': '7' };
const calculator = async (input: unknown) => {
  if (input === 'divide by zero') throw new Error('division by zero');
  return answers[String(input)]!;
};

describe('runBenchmark with tracing set up', () => {
  const tracing = useMemoryTracing();

  it('runs every case and repeat as an episode tagged with run, variant and case, and reports scores and errors', async () => {
    requests.length = 0;
    const progress: BenchmarkProgress[] = [];
    const summary = await runBenchmark({
      baseUrl,
      token: 'secret',
      set: { id: 'arith', version: 3 },
      variant: 'candidate',
      proposal: 'p-1',
      agent: calculator,
      repeats: 2,
      concurrency: 2,
      scorer: matchesReference<string>(),
      onProgress: (p) => progress.push(p),
      flush: () => tracing.handle().forceFlush(),
    });
    expect(summary).toMatchObject({ runId: 'run-1', agent: 'calculator', runs: 6, errors: { agent: 2, scorer: 0 } });
    expect(requests[0]).toEqual({
      path: '/api/benchmark-runs',
      body: { proposalId: 'p-1', variant: 'candidate', setId: 'arith', setVersion: 3, repeats: 2 },
      authorization: 'Bearer secret',
    });
    const reported = requests[1]!.body.results as Array<{
      caseId: string;
      repeat: number;
      episodeId: string;
      score: number | null;
      error: { kind: string } | null;
    }>;
    const byCase = (caseId: string) => reported.filter((r) => r.caseId === caseId).sort((a, b) => a.repeat - b.repeat);
    expect(byCase('c-ok').map((r) => [r.repeat, r.score, r.error])).toEqual([
      [0, 1, null],
      [1, 1, null],
    ]);
    expect(byCase('c-wrong').map((r) => r.score)).toEqual([0, 0]);
    expect(byCase('c-throws').map((r) => r.error)).toEqual([
      { kind: 'agent', message: 'division by zero' },
      { kind: 'agent', message: 'division by zero' },
    ]);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(progress.at(-1)).toMatchObject({ total: 6, errors: 2 });

    const roots = (await tracing.spans()).filter((span) => span.name === 'invoke_agent calculator');
    expect(roots).toHaveLength(6);
    const okRoot = roots.find((span) => span.spanContext().traceId === byCase('c-ok')[1]!.episodeId)!;
    expect(okRoot.attributes).toMatchObject({
      [BENCHMARK.RUN_ID]: 'run-1',
      [BENCHMARK.VARIANT]: 'candidate',
      [BENCHMARK.CASE_ID]: 'c-ok',
      [BENCHMARK.REPEAT]: 1,
      [BENCHMARK.SET_VERSION]: 3,
      'gen_ai.agent.version': registered.configVersion,
      'gen_ai.workflow.name': 'math',
    });
    expect(roots.find((span) => span.attributes[BENCHMARK.CASE_ID] === 'c-wrong')!.attributes['gen_ai.workflow.name']).toBe('benchmark');
  });

  it('records a scorer that throws or leaves 0–1 as a scorer error, not as a wrong answer', async () => {
    requests.length = 0;
    const summary = await runBenchmark({
      baseUrl,
      set: 'arith',
      variant: 'baseline',
      proposal: 'p-1',
      agent: async () => 'x',
      scorer: ({ caseId }) => (caseId === 'c-ok' ? 3 : Promise.reject(new Error('rubric model unavailable'))),
      onProgress: () => undefined,
      flush: () => tracing.handle().forceFlush(),
    });
    expect(summary.errors).toEqual({ agent: 0, scorer: 3 });
    const messages = (requests[1]!.body.results as Array<{ error: { message: string } }>).map((r) => r.error.message).sort();
    expect(messages).toEqual(['rubric model unavailable', 'rubric model unavailable', 'the scorer returned 3; scores run from 0 to 1']);
  });

  it('throws what the collector said when it refuses the run', async () => {
    await expect(
      runBenchmark({ baseUrl: `${baseUrl}/elsewhere`, set: 'arith', variant: 'baseline', proposal: 'p-1', agent: calculator }),
    ).rejects.toThrow('POST /api/benchmark-runs answered 404: no proposal');
  });
});

describe('runBenchmark without tracing', () => {
  it('stops at the first case, since its episodes could never reach the collector', async () => {
    requests.length = 0;
    let calls = 0;
    const run = runBenchmark({
      baseUrl,
      set: 'arith',
      variant: 'baseline',
      proposal: 'p-1',
      agent: () => calls++,
      onProgress: () => undefined,
      concurrency: 1,
    });
    await expect(run).rejects.toThrow('no tracer is set up: call setup() before runBenchmark');
    expect(calls).toBe(0);
    expect(requests.map((r) => r.path)).toEqual(['/api/benchmark-runs']);
  });
});

describe('default progress', () => {
  it('prints one line per 10% of the runs on stderr', () => {
    const lines: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((line: string) => lines.push(line) > 0) as typeof process.stderr.write;
    try {
      const show = stderrProgress();
      for (let done = 1; done <= 50; done++)
        show({ runId: 'abcdef123456', variant: 'baseline', done, total: 50, errors: done > 40 ? 1 : 0 });
    } finally {
      process.stderr.write = write;
    }
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('trumpets benchmark: baseline run abcdef12 10% (5/50 runs, 0 errors)\n');
    expect(lines.at(-1)).toBe('trumpets benchmark: baseline run abcdef12 100% (50/50 runs, 1 error)\n');
  });
});
