import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const COLLECTOR = fileURLToPath(new URL('../collector/', import.meta.url));

/**
 * Start-up time of `trumpets start`, process spawn to the first 200 from /readyz, on a fresh data
 * directory each time: from source through tsx (how it started before there was a build) and the
 * built dist/cli.js. Medians over `runs` starts of each, taken in turn.
 */
export async function benchStartup(runs: number, log: (line: string) => void): Promise<{ sourceMs: number; builtMs: number }> {
  await promisify(execFile)(process.execPath, ['scripts/build.mjs'], { cwd: COLLECTOR });
  const ways = { source: ['--import', 'tsx', 'src/cli.ts', 'start'], built: ['dist/cli.js', 'start'] };
  const times: Record<keyof typeof ways, number[]> = { source: [], built: [] };
  for (let run = 0; run < runs; run++) {
    for (const way of ['source', 'built'] as const) times[way].push(await timeToReady(ways[way]));
  }
  const sourceMs = median(times.source);
  const builtMs = median(times.built);
  log(
    `start-up, process spawn to /readyz 200 (median of ${runs}): from source through tsx ${sourceMs.toFixed(0)} ms, built ${builtMs.toFixed(0)} ms`,
  );
  log(`  built / source: ${(builtMs / sourceMs).toFixed(2)}`);
  return { sourceMs, builtMs };
}

async function timeToReady(args: string[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'trumpets-startup-'));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: COLLECTOR,
    env: { ...process.env, TRUMPETS_PORT: String(port), TRUMPETS_DATA_DIR: join(dir, 'data'), TRUMPETS_LOG_LEVEL: 'error' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ready) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`trumpets start exited with ${child.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
