import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

// The source, through tsx: tests run what is in the tree, never a build of it.
const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));

export interface CollectorProcess {
  url: string;
  child: ChildProcess;
  /** Every JSON log line the process wrote so far. */
  logs: Array<Record<string, unknown>>;
  /** SIGTERM, then waits for a graceful exit (pending assembly flushed, store closed). */
  stop(): Promise<number | null>;
}

/**
 * Starts the real `trumpets start` process on a free port with its own data directory, or, given
 * `script`, a test's own TypeScript entry that starts the collector with something swapped in.
 */
export async function startCollectorProcess(dataDir: string, env: Record<string, string> = {}, script?: string): Promise<CollectorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...(script ? [script] : [CLI, 'start'])], {
    // The spool sits beside the data directory unless the caller says otherwise, never in the cwd.
    env: {
      ...process.env,
      TRUMPETS_PORT: '0',
      TRUMPETS_DATA_DIR: dataDir,
      TRUMPETS_SPOOL_DIR: `${dataDir}-spool`,
      TRUMPETS_ASSEMBLY_INTERVAL_MS: '50',
      // Fixtures carry fixed timestamps from past years: a real retention would drop them mid-test.
      TRUMPETS_RETENTION_DAYS: 'spans=0,episodes=0,dead_letters=0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stderr! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === 'collector listening') resolve(String(entry.otlpTraces).replace(/\/v1\/traces$/, ''));
      } catch {
        logs.push({ raw: line });
      }
    });
    child.once('exit', (code) => reject(new Error(`collector exited with ${code} before listening: ${JSON.stringify(logs)}`)));
  });
  return {
    url,
    child,
    logs,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
}
