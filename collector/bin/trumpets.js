#!/usr/bin/env node
// Runs the compiled collector (dist/cli.js, written by `pnpm build`): no compiler at start. In a
// source checkout with no build, or with a build older than the source, it runs the TypeScript
// through tsx instead, so a fresh clone runs without a build step and a stale build never does.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

// Node sizes the JS heap to a quarter of the machine's memory and lets garbage fill much of it
// before collecting in earnest: a collector under steady load kept growing. `start` runs under a
// limit of TRUMPETS_JS_HEAP_MB (default 256; 0: Node's own), set by relaunching Node with it,
// as a heap limit can only be given at start; a limit already chosen (--max-old-space-size in
// NODE_OPTIONS or on Node's command line) is left as it is.
const heapMb = process.env.TRUMPETS_JS_HEAP_MB || '256';
if (!/^\d+$/.test(heapMb)) {
  process.stderr.write("trumpets: invalid configuration: TRUMPETS_JS_HEAP_MB: must be a whole number of MB (0: Node's default)\n");
  process.exit(2);
}
const heapChosen = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((option) =>
  /^--max[-_]old[-_]space[-_]size/.test(option),
);
if (process.argv[2] === 'start' && Number(heapMb) > 0 && !heapChosen) {
  relaunchWithHeapLimit(Number(heapMb));
} else {
  await run();
}

function relaunchWithHeapLimit(mb) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, `--max-old-space-size=${mb}`, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  // The collector stops gracefully on each; a Ctrl-C reaches it directly too, and it stops once.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.once('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
}

async function run() {
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
}

function newerThan(dirs, time) {
  return dirs.some((dir) =>
    readdirSync(dir, { recursive: true, withFileTypes: true }).some(
      (entry) => entry.isFile() && statSync(`${entry.parentPath}/${entry.name}`).mtimeMs > time,
    ),
  );
}
