// `pnpm build` of a workspace package: compiles its src/ twice, to dist/esm (ES modules) and
// dist/cjs (CommonJS), with declarations, for consumers outside the workspace.
// Usage: node scripts/buildPackage.mjs <packageDir> [targetDir] (default target: the package
// itself; tests build into a scratch copy).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = resolve(process.argv[2] ?? process.cwd());
const target = resolve(process.argv[3] ?? source);
const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');

// Workspace packages this one depends on are built first, in place: its build reads their declarations.
const { dependencies = {} } = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
for (const [name, version] of Object.entries(dependencies)) {
  if (!version.startsWith('workspace:')) continue;
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), join(root, name.replace('@trumpets/', ''))], {
    stdio: 'inherit',
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

rmSync(join(target, 'dist'), { recursive: true, force: true });
for (const [config, out] of [
  ['tsconfig.build.json', 'esm'],
  ['tsconfig.build.cjs.json', 'cjs'],
]) {
  const run = spawnSync(process.execPath, [tsc, '-p', join(source, config), '--outDir', join(target, 'dist', out)], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
// dist/cjs holds CommonJS inside a "type": "module" package: this nested package.json says so to Node.
mkdirSync(join(target, 'dist', 'cjs'), { recursive: true });
writeFileSync(join(target, 'dist', 'cjs', 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
