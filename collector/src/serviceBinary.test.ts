import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from './store/embeddedStore.ts';
import { otlpJson, randomHexId } from './testing/otlpRequests.ts';

const COLLECTOR = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

/** The service as it ships: `pnpm build`, then the compiled `dist/cli.js` with flags, no compiler loaded. */
describe('the built collector', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trumpets-built-'));
    await run(process.execPath, ['scripts/build.mjs'], { cwd: COLLECTOR });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts on the port and data directory its flags name and ingests', async () => {
    const port = await freePort();
    const dataDir = join(dir, 'data');
    const child = spawn(process.execPath, ['dist/cli.js', 'start', '--port', String(port), '--data-dir', dataDir], {
      cwd: COLLECTOR,
      env: {
        ...process.env,
        TRUMPETS_PORT: '1',
        TRUMPETS_DATA_DIR: join(dir, 'not-this-one'),
        TRUMPETS_SPOOL_DIR: join(dir, 'spool'),
        TRUMPETS_ASSEMBLY_INTERVAL_MS: '50',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const listening = await logLine(child, 'collector listening');
    expect(listening.otlpTraces).toBe(`http://127.0.0.1:${port}/v1/traces`);
    expect(listening.dataDir).toBe(dataDir);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);

    const traceId = randomHexId(16);
    const body = otlpJson([
      {
        traceId,
        spanId: randomHexId(8),
        name: 'invoke_agent built',
        // Now, not the fixtures' fixed past: the service keeps its default retention, which would drop an old span's partition.
        startNanos: BigInt(Date.now()) * 1_000_000n,
        attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'built-agent' },
      },
    ]);
    const sent = await fetch(`http://127.0.0.1:${port}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(sent.status).toBe(200);
    child.kill('SIGTERM');
    expect((await once(child, 'exit'))[0]).toBe(0);

    const store = new EmbeddedStore(dataDir);
    const rows = await store.query<{ Agent: string }>('SELECT Agent FROM episodes FINAL WHERE TraceId = {traceId:String}', { traceId });
    await store.close();
    expect(rows).toEqual([{ Agent: 'built-agent' }]);
  });

  it("needs nothing at run time but Node and the collector's own dependencies (no tsx, no TypeScript)", () => {
    const manifest = JSON.parse(readFileSync(join(COLLECTOR, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const bundle = readFileSync(join(COLLECTOR, 'dist', 'cli.js'), 'utf8');
    const imported = new Set(
      [...bundle.matchAll(/(?:^import [^;]*? from |\bimport\(|\brequire\()"([^"./][^"]*)"/gm)].map((match) => match[1]!),
    );
    const packages = [...imported].filter((name) => !builtinModules.includes(name.replace(/^node:/, '')));
    expect(packages.length).toBeGreaterThan(0);
    for (const name of packages) expect(Object.keys(manifest.dependencies), name).toContain(name);
  });

  it('refuses a bad flag with a message naming it', async () => {
    const failure = await run(process.execPath, ['dist/cli.js', 'start', '--port', 'http'], { cwd: COLLECTOR }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({
      code: 1,
      stderr: 'trumpets: invalid configuration: --port: must be a port number from 0 to 65535 (0: any free port)\n',
    });
    const unknown = await run(process.execPath, ['dist/cli.js', 'start', '--prot', '80'], { cwd: COLLECTOR }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--prot'") });
  });
});

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function logLine(child: ChildProcess, msg: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    createInterface({ input: child.stderr! }).on('line', (line) => {
      lines.push(line);
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry.msg === msg) resolve(entry);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${lines.join('\n')}`)));
  });
}
