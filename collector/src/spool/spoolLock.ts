import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Thrown when another live process holds the spool directory. */
export class SpoolLockedError extends Error {
  override name = 'SpoolLockedError';
}

/**
 * Claims a spool directory for this process with a `LOCK` file holding its pid. Two collectors
 * draining one spool would each replay the other's segments, so a second one must not start.
 * A lock left by a process that is gone (a crash) is taken over.
 */
export function lockSpoolDirectory(dir: string): () => void {
  const path = join(dir, 'LOCK');
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(readFileSync(path, 'utf8'));
    if (holder !== process.pid && isAlive(holder)) {
      throw new SpoolLockedError(
        `the spool directory ${dir} is in use by process ${holder}; give each collector its own TRUMPETS_SPOOL_DIR`,
      );
    }
    writeFileSync(path, String(process.pid));
  }
  return () => rmSync(path, { force: true });
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
