import { build, type Plugin } from 'esbuild';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The Grafana runtimes the plugin is loaded into: the one it builds against, and Grafana 13.2's React 19. */
export const RUNTIMES = {
  react18: { grafana: '13.1.0', packageDir: path.join(here, '..') },
  react19: { grafana: '13.2.3', packageDir: path.join(here, 'react19') },
} as const;
export type RuntimeName = keyof typeof RUNTIMES;

const entry = path.join(here, 'src', 'harness.tsx');

/** The harness's own bare imports resolve from the runtime's package, so one source serves both runtimes. */
function runtimeResolution(packageDir: string): Plugin {
  return {
    name: 'runtime-resolution',
    setup(builder) {
      builder.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.importer !== entry || args.pluginData === 'runtime') return undefined;
        return builder.resolve(args.path, { kind: args.kind, resolveDir: packageDir, pluginData: 'runtime' });
      });
    },
  };
}

/** Bundles the harness page for one runtime into `out/<runtime>.js`, resolving the shared modules from that runtime's packages. */
export async function buildHarness(runtime: RuntimeName, outDir: string): Promise<string> {
  const { grafana, packageDir } = RUNTIMES[runtime];
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `${runtime}.js`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"', __GRAFANA_RUNTIME__: JSON.stringify(grafana), global: 'globalThis' },
    plugins: [runtimeResolution(packageDir)],
    alias: { 'react-custom-scrollbars-2': path.join(here, 'src', 'scrollbarsShim.tsx') },
    loader: { '.css': 'empty', '.svg': 'dataurl', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty', '.png': 'dataurl' },
  });
  return outfile;
}
