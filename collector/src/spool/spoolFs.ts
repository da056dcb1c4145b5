import { open, rm, statfs } from 'node:fs/promises';
import { readWholeFile } from '../shared/wholeFiles.ts';

/** An open segment file: only the calls the spool makes, so a test can put faults between it and the disk. */
export interface SpoolFile {
  /** May write fewer bytes than given (a short write, e.g. when the volume fills up). */
  writev(buffers: Buffer[]): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

export interface VolumeSpace {
  /** Bytes an unprivileged writer may still use. */
  freeBytes: number;
  totalBytes: number;
}

/** The file-system calls the spool makes while it runs (start-up scanning uses node:fs directly). */
export interface SpoolFs {
  /** Creates a new, empty segment file for appending. */
  create(path: string): Promise<SpoolFile>;
  /** Flushes a directory, so a new file's name is durable. */
  syncDirectory(dir: string): Promise<void>;
  readFile(path: string): Promise<Buffer>;
  remove(path: string): Promise<void>;
  space(dir: string): Promise<VolumeSpace>;
}

export const nodeSpoolFs: SpoolFs = {
  async create(path) {
    const handle = await open(path, 'a');
    return {
      writev: (buffers) => handle.writev(buffers),
      datasync: () => handle.datasync(),
      truncate: (length) => handle.truncate(length),
      close: () => handle.close(),
    };
  },
  async syncDirectory(dir) {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  readFile: (path) => readWholeFile(path),
  remove: (path) => rm(path, { force: true }),
  async space(dir) {
    const stats = await statfs(dir);
    return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
  },
};

/** Error codes that mean the volume has no room: backpressure, not a broken disk. */
const NO_SPACE_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

export function isNoSpaceError(error: unknown): boolean {
  return NO_SPACE_CODES.has((error as NodeJS.ErrnoException | undefined)?.code ?? '');
}
