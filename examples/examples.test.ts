import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { setup, withEpisode } from '@trumpets/instrumentation';
import type { Episode, Proposal, ProposalDetail, RegisteredConfig, Release, SetDetail, SetVersion } from '@trumpets/protocol/api';
import { jsonApi, startCollectorProcess, type CollectorProcess } from '@trumpets/collector/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Every example runs as the README says: from this folder, `node --import tsx <file>`, against the
 * real collector process (no tokens, on loopback), and what it did is read back through the API.
 */
const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
let dataDir: string;
let collector: CollectorProcess;

async function runExample(file: string, args: string[] = []): Promise<string> {
  const env = { ...process.env, TRUMPETS_ENDPOINT: collector.url, TRUMPETS_API_URL: collector.url };
  const { stdout } = await run(process.execPath, ['--import', 'tsx', file, ...args], { cwd: here, env });
  return stdout.trim();
}

/** The collector's JSON API; `collector` is read when called, after beforeAll started it. */
const api = jsonApi((path, init) => fetch(`${collector.url}${path}`, init));

/** Polls until the collector has assembled what `read` looks for. */
async function eventually<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'trumpets-examples-'));
  collector = await startCollectorProcess(join(dataDir, 'data'));
}, 120_000);

afterAll(async () => {
  await collector?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the README examples, run as written', () => {
  it('trace-an-agent.mts stores an escalated episode with redacted input, two tool calls, a source and its correction', async () => {
    const printed = await runExample('trace-an-agent.mts');
    const [, episodeId, answer] = /^episode ([0-9a-f]{32}): (.*)$/.exec(printed)!;
    expect(answer).toBe('A colleague will approve your refund today.');
    const episode = await eventually(async () => {
      const found = await api<Episode>(`/api/episodes/${episodeId}`);
      return found.status === 200 ? found.body : undefined;
    });
    expect(episode.outcome).toBe('escalated');
    expect(episode.input).toBe('Refund ORD-1 please. I am [REDACTED:email]');
    expect(episode.tools.map((tool) => [tool.name, tool.status, tool.errorType])).toEqual([
      ['lookupOrder', 'ok', ''],
      ['issueRefund', 'error', 'RangeError'],
    ]);
    expect(episode.sources).toHaveLength(1);
    // The correction reaches the collector too: a benchmark set drawn from corrected episodes has it as the reference.
    let attempt = 0;
    const corrected = await eventually(async () => {
      const setId = `corrected-${++attempt}`;
      const drawn = await api<SetVersion>('/api/benchmark-sets', 'POST', {
        setId,
        agent: 'support',
        rules: [{ kind: 'corrected', count: 10 }],
      });
      return drawn.status === 201 && drawn.body.caseCount === 1 ? setId : undefined;
    });
    const set = await api<SetDetail>(`/api/benchmark-sets/${corrected}`);
    expect(set.body.cases).toMatchObject([{ sourceEpisodeId: episodeId, reference: 'Refund approved by a colleague.' }]);
  });

  it('gate-policy.json is a policy the collector takes as it is', async () => {
    const policy = JSON.parse(readFileSync(join(here, 'gate-policy.json'), 'utf8')) as Record<string, unknown>;
    const stored = await api('/api/agents/support/gate-policy', 'PUT', policy);
    expect(stored.status).toBe(200);
    expect((await api('/api/agents/support/gate-policy')).body).toMatchObject({ policy });
  });

  it("resolve-release.mts serves the agent's stable release", async () => {
    const config = await api<RegisteredConfig>('/api/agents/support/configs', 'POST', { config: { greeting: 'Hello' } });
    const release = await api<Release>('/api/releases', 'POST', {
      agent: 'support',
      configVersion: config.body.version,
      owner: 'ana',
      reason: 'first release',
    });
    expect(release.status).toBe(201);
    const printed = await runExample('resolve-release.mts');
    expect(printed).toMatch(new RegExp(`^stable release ${release.body.id} \\(config ${config.body.version}, bucket \\d+\\)$`));
  });

  it("validate-a-proposal.mts runs baseline and candidate and prints the gate's verdict", async () => {
    // Thirty production answers of the baseline config to draw the benchmark set from.
    const tracing = setup({ serviceName: 'support-bot', endpoint: `${collector.url}/v1/traces`, flushOnExit: false });
    for (let i = 0; i < 30; i++) {
      const question = `Where is ORD-${100 + i}?`;
      await withEpisode({ agent: 'support', workflow: 'orders', input: question }, (episode) =>
        episode.setOutput(`Hello! Looking into "${question}" now.`),
      );
    }
    await tracing.shutdown();
    let attempt = 0;
    const setId = await eventually(async () => {
      const id = `support-core-${++attempt}`;
      const created = await api<SetVersion>('/api/benchmark-sets', 'POST', {
        setId: id,
        agent: 'support',
        rules: [{ kind: 'successes', count: 30 }],
      });
      return created.status === 201 && created.body.caseCount === 30 ? id : undefined;
    });
    const baselineVersion = (await api<RegisteredConfig>('/api/agents/support/configs', 'POST', { config: { greeting: 'Hello' } })).body
      .version;
    const proposal = await api<Proposal>('/api/proposals', 'POST', {
      agent: 'support',
      baselineVersion,
      target: '/greeting',
      change: { before: 'Hello', after: 'Hi' },
      rationale: 'a shorter greeting',
      author: { kind: 'person', name: 'ana' },
    });
    // Every answer now differs from its reference: the gate must fail the change on quality.
    const printed = await runExample('validate-a-proposal.mts', [proposal.body.id, setId]);
    expect(printed).toMatch(/^fail \[/);
    expect(printed).toContain('Quality');
    expect((await api<ProposalDetail>(`/api/proposals/${proposal.body.id}`)).body.state).toBe('rejected');
  });
});
