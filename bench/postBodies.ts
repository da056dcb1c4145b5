import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PostResult {
  ms: number;
  statuses: Record<string, number>;
  /** CPU time the load generator itself used while sending. */
  cpuMs: number;
}

export interface LoadGenerator {
  /** Sends every body; resolves with the answers once the last is in. */
  send(): Promise<PostResult>;
}

const SENDER = fileURLToPath(new URL('./sendBodies.ts', import.meta.url));

/**
 * The load generator runs as its own process (as real agents do), so it does not share the
 * collector's event loop. Bodies go through a file of length-prefixed frames. It resolves once
 * the sender has started and read them: its start-up is not part of what a bench times.
 */
export async function startLoadGenerator(url: string, bodies: Buffer[], concurrency: number): Promise<LoadGenerator> {
  const dir = mkdtempSync(join(tmpdir(), 'trumpets-bench-load-'));
  const file = join(dir, 'bodies.bin');
  const frames: Buffer[] = [];
  for (const body of bodies) {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    frames.push(length, body);
  }
  writeFileSync(file, Buffer.concat(frames));
  const child = spawn(process.execPath, ['--import', 'tsx', SENDER, url, file, String(concurrency)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  const exited = once(child, 'exit').finally(() => rmSync(dir, { recursive: true, force: true }));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (output.startsWith('ready\n')) resolve();
    });
    void exited.then(() => reject(new Error(`load generator exited before it was ready: ${output}`)));
  });
  return {
    async send() {
      child.stdin.end('go\n');
      const [code] = await exited;
      if (code !== 0) throw new Error(`load generator exited with ${String(code)}: ${output}`);
      return JSON.parse(output.slice('ready\n'.length)) as PostResult;
    },
  };
}
