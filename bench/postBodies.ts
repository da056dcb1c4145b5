import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export interface PostResult {
  ms: number;
  statuses: Record<string, number>;
  /** CPU time the load generator itself used. */
  cpuMs: number;
}

const SENDER = fileURLToPath(new URL('./sendBodies.ts', import.meta.url));

/**
 * The load generator runs as its own process (as real agents do), so it does not share the
 * collector's event loop. Bodies go through a file of length-prefixed frames.
 */
export async function postFromProcess(url: string, bodies: Buffer[], concurrency: number): Promise<PostResult> {
  const dir = mkdtempSync(join(tmpdir(), 'trumpets-bench-load-'));
  try {
    const file = join(dir, 'bodies.bin');
    const frames: Buffer[] = [];
    for (const body of bodies) {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(body.length);
      frames.push(length, body);
    }
    writeFileSync(file, Buffer.concat(frames));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', SENDER, url, file, String(concurrency)], {
      maxBuffer: 1 << 20,
    });
    return JSON.parse(stdout) as PostResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
