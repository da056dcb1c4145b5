import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { readWholeFile } from './wholeFiles.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const fileIn = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'trumpets-whole-files-'));
  dirs.push(dir);
  return join(dir, name);
};
// Larger than Node's 512 KiB steps, and not a multiple of them.
const bytes = Buffer.from(Array.from({ length: 3 * 1024 * 1024 + 17 }, (_, i) => (i * 31) % 251));

it('reads a file of several MiB whole, byte for byte, and an empty one as no bytes', async () => {
  const path = fileIn('segment');
  writeFileSync(path, bytes);
  expect((await readWholeFile(path)).equals(bytes)).toBe(true);
  writeFileSync(path, '');
  expect((await readWholeFile(path)).length).toBe(0);
});

it('says which file it could not read', async () => {
  await expect(readWholeFile(fileIn('missing'))).rejects.toThrow(/ENOENT.*missing/);
});
