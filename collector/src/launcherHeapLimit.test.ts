import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/trumpets.js', import.meta.url));
const MiB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'trumpets-launcher-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The environment without a heap limit of its own, as a user's shell has. */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TRUMPETS_PORT: '0', TRUMPETS_DATA_DIR: join(dir, 'data'), ...extra };
  env.NODE_OPTIONS = (env.NODE_OPTIONS ?? '').replace(/--max[-_]old[-_]space[-_]size=\S+/g, '').trim();
  return env;
}

describe('trumpets start', () => {
  it("runs the collector under a JS heap limit of 256 MB unless told otherwise, and stops it with the launcher's signal", async () => {
    const launcher = spawn(process.execPath, [BIN, 'start'], { env: userEnv({}), stdio: ['ignore', 'ignore', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: launcher.stderr! }).on('line', (line) => {
        const entry = JSON.parse(line) as { msg?: string; otlpTraces?: string };
        if (entry.msg === 'collector listening') resolve(entry.otlpTraces!.replace(/\/v1\/traces$/, ''));
      });
      launcher.once('exit', (code) => reject(new Error(`trumpets start exited with ${code}`)));
    });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const limit = Number(/^trumpets_js_heap_limit_bytes (\d+)$/m.exec(metrics)?.[1]);
    // V8's limit is the old generation's 256 MiB plus the young generation's few tens.
    expect(limit).toBeGreaterThanOrEqual(256 * MiB);
    expect(limit).toBeLessThan(384 * MiB);

    launcher.kill('SIGTERM');
    const [code] = (await once(launcher, 'exit')) as [number | null];
    expect(code).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('refuses a heap limit that is not a whole number of MB, naming the variable', async () => {
    const failure = await promisify(execFile)(process.execPath, [BIN, 'start'], { env: userEnv({ TRUMPETS_JS_HEAP_MB: '256MB' }) }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining('TRUMPETS_JS_HEAP_MB') });
  });
});
