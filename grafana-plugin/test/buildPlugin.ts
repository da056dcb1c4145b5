import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import webpack from 'webpack';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INPUTS = ['src', 'webpack.config.cjs', 'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'];

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(target).map((entry) => newestMtime(path.join(target, entry))));
}

/** Builds `dist/` with the production webpack config when it is missing or older than its sources. */
export async function buildPluginIfStale(): Promise<void> {
  const built = path.join(root, 'dist', 'module.js');
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...INPUTS.map((input) => newestMtime(path.join(root, input))))) return;
  const config = createRequire(import.meta.url)(path.join(root, 'webpack.config.cjs'))({}, { mode: 'production' });
  console.log('building the Grafana plugin (dist/ is missing or older than src/)');
  await new Promise<void>((resolve, reject) =>
    webpack(config, (error, stats) => {
      if (error) return reject(error);
      if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    }),
  );
}

/** vitest global setup: the plugin's tests run against the real build. */
export default async function setup(): Promise<void> {
  await buildPluginIfStale();
}
