import { open } from 'node:fs/promises';

/*
 * Whole files read in as few calls as the kernel allows. Node's readFile goes 512 KiB at a time,
 * each step a turn of the event loop: while the loop was busy with requests, reading back an
 * 8 MiB spool segment took 16 turns and up to half a second, and the drain fell behind what was
 * acknowledged.
 */

/** The file's bytes, read with one call where the kernel gives them all at once. */
export async function readWholeFile(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(bytes, read, size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return read === size ? bytes : bytes.subarray(0, read);
  } finally {
    await handle.close();
  }
}
