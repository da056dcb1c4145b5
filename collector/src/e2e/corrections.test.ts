import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { withEpisode } from '@trumpets/instrumentation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TOKEN } from '../testing/inProcessCollector.ts';
import { startTracedCollector, type TracedCollector } from './tracedCollector.ts';

const run = promisify(execFile);
const SEND_CORRECTION = fileURLToPath(new URL('./fixtures/sendCorrection.ts', import.meta.url));

let collector: TracedCollector;
beforeAll(async () => (collector = await startTracedCollector()));
afterAll(() => collector.close());

describe('tracer → collector: corrections', () => {
  it('links a correction sent later from another process to the episode it names, and to no other', async () => {
    const [corrected, untouched] = await collector.traced(async () => [
      await withEpisode({ agent: 'e2e-corrections', workflow: 'refund', input: 'refund ORD-8812' }, (episode) => {
        episode.setOutput('Refund RF-1 of 312.50 issued.');
        return episode.episodeId;
      }),
      await withEpisode({ agent: 'e2e-corrections', workflow: 'refund', input: 'refund ORD-1' }, (episode) => episode.episodeId),
    ]);

    // The review tool is its own process, configured by environment as in production.
    await run(process.execPath, ['--import', 'tsx', SEND_CORRECTION], {
      env: { ...process.env, TRUMPETS_ENDPOINT: collector.harness.collector.url, TRUMPETS_TOKEN: TEST_TOKEN, EPISODE_ID: corrected },
    });
    await collector.harness.collector.settle();

    const rows = await collector.query(
      'SELECT EpisodeId, CorrectedOutput, Reason, Author FROM corrections FINAL WHERE EpisodeId IN ({ids:Array(String)})',
      { ids: [corrected, untouched] },
    );
    expect(rows).toEqual([
      {
        EpisodeId: corrected,
        CorrectedOutput: "Refunds above 200.00 need a colleague's approval; I have asked one.",
        Reason: 'the agent ignored the refund limit',
        Author: 'reviewer-7',
      },
    ]);
  });
});
