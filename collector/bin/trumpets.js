#!/usr/bin/env node
// Runs the compiled collector (dist/cli.js, written by `pnpm build`): no compiler at start. In a
// source checkout with no build, or with a build older than the source, it runs the TypeScript
// through tsx instead, so a fresh clone runs without a build step and a stale build never does.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/cli.js', import.meta.url);
const sources = ['../src/', '../../queries/', '../../instrumentation/src/', '../../protocol/src/']
  .map((path) => fileURLToPath(new URL(path, import.meta.url)))
  .filter((dir) => existsSync(dir));

if (existsSync(built) && !newerThan(sources, statSync(built).mtimeMs)) {
  await import(built.href);
} else if (sources.length > 0) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
} else {
  process.stderr.write('trumpets: dist/cli.js is missing: build the collector with `pnpm build`\n');
  process.exit(1);
}

function newerThan(dirs, time) {
  return dirs.some((dir) =>
    readdirSync(dir, { recursive: true, withFileTypes: true }).some(
      (entry) => entry.isFile() && statSync(`${entry.parentPath}/${entry.name}`).mtimeMs > time,
    ),
  );
}
