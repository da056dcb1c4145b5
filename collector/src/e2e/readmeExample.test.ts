import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TOKEN } from '../testing/inProcessCollector.ts';
import { startTracedCollector, type TracedCollector } from './tracedCollector.ts';

const run = promisify(execFile);
const README = fileURLToPath(new URL('../../../README.md', import.meta.url));
const COLLECTOR_PACKAGE = fileURLToPath(new URL('../../', import.meta.url));

let collector: TracedCollector;
let scratch: string;
beforeAll(async () => {
  collector = await startTracedCollector();
  // Under the collector's node_modules, so the example resolves @trumpets/instrumentation as a user's project would.
  scratch = mkdtempSync(join(COLLECTOR_PACKAGE, 'node_modules', '.readme-example-'));
});
afterAll(async () => {
  await collector.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** The first TypeScript block of the README's "Tracing an agent" section, verbatim. */
function readmeExample(): string {
  const section = readFileSync(README, 'utf8').split('## Tracing an agent')[1] ?? '';
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error('README has no TypeScript example under "Tracing an agent"');
  return code;
}

describe('the README example', () => {
  it('runs as written and stores the episode it describes', async () => {
    const file = join(scratch, 'agent.mts');
    writeFileSync(file, readmeExample());
    const { stdout } = await run(process.execPath, ['--import', 'tsx', file], {
      cwd: scratch,
      // Configured from the environment, as the example's comment says; the token through the standard OTLP variable.
      env: {
        ...process.env,
        TRUMPETS_ENDPOINT: collector.harness.collector.url,
        OTEL_EXPORTER_OTLP_HEADERS: `authorization=Bearer ${TEST_TOKEN}`,
      },
    });
    await collector.harness.collector.settle();

    expect(stdout.trim()).toBe('A colleague will approve your refund today.');
    const [episode] = await collector.query<Record<string, unknown>>(
      "SELECT EpisodeId, Outcome, Input, ToolCallCount, ToolErrorCount, SourceCount FROM episodes FINAL WHERE Agent = 'support'",
    );
    expect(episode).toMatchObject({
      Outcome: 'escalated',
      Input: 'Refund ORD-1 please. I am [REDACTED:email]',
      ToolCallCount: 2,
      ToolErrorCount: 1,
      SourceCount: 1,
    });
    const corrections = await collector.query('SELECT Author FROM corrections FINAL WHERE EpisodeId = {id:String}', {
      id: episode?.['EpisodeId'],
    });
    expect(corrections).toEqual([{ Author: 'reviewer-7' }]);
  });
});
