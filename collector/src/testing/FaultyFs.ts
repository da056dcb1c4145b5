import { nodeSpoolFs, type SpoolFile, type SpoolFs, type VolumeSpace } from '../spool/spoolFs.ts';

interface WriteFault {
  code: string;
  /** Bytes that reach the file before the error: a torn write. */
  tornBytes: number;
}

function errno(code: string, call: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected fault, ${call}`), { code, syscall: call });
}

/**
 * A file system for the spool with faults put in on purpose, over the real one: a volume that
 * fills up (short writes, then ENOSPC), writes and fsyncs that fail once, torn writes, and
 * fsyncs held back until the test lets them go. Files really are written, so what a reader
 * finds afterwards is what a real disk would hold.
 */
export class FaultyFs implements SpoolFs {
  /** Room left on the pretend volume; undefined: as much as the real one has. */
  freeBytes: number | undefined;
  totalBytes = 64 * 1024 * 1024;
  /** Write calls and fsyncs that reached the disk. */
  writes = 0;
  syncs = 0;
  private readonly writeFaults: WriteFault[] = [];
  private readonly syncFaults: string[] = [];
  private held: { promise: Promise<void>; release: () => void } | undefined;
  private readonly sizes = new Map<string, number>();

  constructor(private readonly inner: SpoolFs = nodeSpoolFs) {}

  /** The next write fails with `code` after writing `tornBytes` of its data. */
  failNextWrite(code = 'EIO', tornBytes = 0): void {
    this.writeFaults.push({ code, tornBytes });
  }

  /** The next fsync fails with `code` (the data may well be in the file: the page cache has it). */
  failNextSync(code = 'EIO'): void {
    this.syncFaults.push(code);
  }

  /** A slow disk: fsyncs from now on wait until the returned function is called. */
  holdSyncs(): () => void {
    let release!: () => void;
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.held = { promise, release };
    return () => {
      this.held = undefined;
      release();
    };
  }

  async create(path: string): Promise<SpoolFile> {
    if (this.freeBytes === 0) throw errno('ENOSPC', 'open');
    const file = await this.inner.create(path);
    this.sizes.set(path, 0);
    return {
      writev: (buffers) => this.writev(path, file, buffers),
      datasync: () => this.datasync(file),
      truncate: async (length) => {
        await file.truncate(length);
        this.resize(path, length);
      },
      close: () => file.close(),
    };
  }

  syncDirectory(dir: string): Promise<void> {
    return this.inner.syncDirectory(dir);
  }

  readFile(path: string): Promise<Buffer> {
    return this.inner.readFile(path);
  }

  async remove(path: string): Promise<void> {
    await this.inner.remove(path);
    this.resize(path, 0);
    this.sizes.delete(path);
  }

  async space(dir: string): Promise<VolumeSpace> {
    if (this.freeBytes === undefined) return this.inner.space(dir);
    return { freeBytes: this.freeBytes, totalBytes: this.totalBytes };
  }

  private async writev(path: string, file: SpoolFile, buffers: Buffer[]): Promise<{ bytesWritten: number }> {
    const data = Buffer.concat(buffers);
    const fault = this.writeFaults.shift();
    if (fault) {
      if (fault.tornBytes > 0) await this.writeRaw(path, file, data.subarray(0, fault.tornBytes));
      throw errno(fault.code, 'write');
    }
    if (this.freeBytes !== undefined && data.length > this.freeBytes) {
      if (this.freeBytes === 0) throw errno('ENOSPC', 'write');
      return { bytesWritten: await this.writeRaw(path, file, data.subarray(0, this.freeBytes)) };
    }
    return { bytesWritten: await this.writeRaw(path, file, data) };
  }

  private async writeRaw(path: string, file: SpoolFile, data: Buffer): Promise<number> {
    const { bytesWritten } = await file.writev([data]);
    this.writes += 1;
    this.resize(path, (this.sizes.get(path) ?? 0) + bytesWritten);
    return bytesWritten;
  }

  private async datasync(file: SpoolFile): Promise<void> {
    if (this.held) await this.held.promise;
    const code = this.syncFaults.shift();
    if (code) throw errno(code, 'fdatasync');
    await file.datasync();
    this.syncs += 1;
  }

  private resize(path: string, size: number): void {
    const before = this.sizes.get(path) ?? 0;
    this.sizes.set(path, size);
    if (this.freeBytes !== undefined) this.freeBytes = Math.max(0, this.freeBytes - (size - before));
  }
}
