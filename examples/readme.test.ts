import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The README shows code only as it is in examples/ (which examples.test.ts runs): each code block
 * is preceded by `<!-- examples/<file> -->` and is that file, verbatim. Shell blocks are commands.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const CODE_BLOCK = /(?:<!-- (examples\/[\w.-]+) -->\n)?```(ts|tsx|js|mjs|mts|json)\n([\s\S]*?)```\n/g;
const blocks = [...readme.matchAll(CODE_BLOCK)].map(([, file, language, body]) => ({ file, language, body }));
const exampleFiles = readdirSync(fileURLToPath(new URL('.', import.meta.url))).filter(
  (name) => /\.(mts|json)$/.test(name) && name !== 'package.json',
);

describe('README code', () => {
  it('has a file in examples/ for every code block', () => {
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.filter((block) => block.file === undefined).map((block) => `${block.language}: ${block.body!.slice(0, 60)}`)).toEqual([]);
  });

  it.each(blocks.filter((block) => block.file !== undefined))('shows $file verbatim', ({ file, body }) => {
    expect(body).toBe(readFileSync(join(root, file!), 'utf8'));
  });

  it('shows every example', () => {
    expect(exampleFiles.map((name) => `examples/${name}`).sort()).toEqual(blocks.map((block) => block.file).sort());
  });
});
