import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/**
 * Runs one part of the bench (`bench/run.ts` with `args`) in a process of its own, its lines
 * printed as they come: a part measured after others in one process pays for their heap (a
 * clustering pass after ingest took 10–15 % more CPU for the same work; ingest beside its
 * baselines' 200,000 decoded spans stored about 10 % fewer spans a second).
 */
export async function runPartInFreshProcess(args: readonly string[]): Promise<void> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(new URL('./run.ts', import.meta.url)), ...args], {
    stdio: 'inherit',
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`bench ${args.join(' ')} exited with ${code}`);
}
