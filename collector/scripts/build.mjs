// Compiles the collector to JavaScript: one ES module bundle per entry in dist/, so `trumpets`
// starts without a compiler. The collector's npm dependencies stay outside the bundle (chdb is a
// native addon; the rest are resolved from node_modules as usual); workspace packages are bundled.
import { copyFileSync, cpSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const here = new URL('../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', here), 'utf8'));
const external = Object.keys(manifest.dependencies).filter((name) => !String(manifest.dependencies[name]).startsWith('workspace:'));

rmSync(new URL('dist/', here), { recursive: true, force: true });
const started = performance.now();
await build({
  entryPoints: { cli: new URL('src/cli.ts', here).pathname },
  outdir: new URL('dist/', here).pathname,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external,
  // Bundled CommonJS dependencies of workspace packages call require(); give them one.
  banner: {
    js: "import { createRequire as __trumpetsCreateRequire } from 'node:module'; const require = __trumpetsCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
// Files the code reads beside itself at run time: dist/ is the whole service.
copyFileSync(new URL('src/otlp/trace.proto', here), new URL('dist/trace.proto', here));
cpSync(new URL('../queries/', here), new URL('dist/queries/', here), { recursive: true });
process.stdout.write(`built collector/dist/cli.js in ${Math.round(performance.now() - started)} ms\n`);
