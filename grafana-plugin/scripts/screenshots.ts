import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Copies the screenshots plugin.json lists (`info.screenshots`, `img/screenshots/<shot>.png`)
 * from the browser test's latest run on the Grafana 13.1 / React 18 runtime
 * (`test-results/react18-<shot>.png`), so the catalogue shows the real built pages.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const plugin = JSON.parse(readFileSync(path.join(root, 'src', 'plugin.json'), 'utf8')) as {
  info: { screenshots: Array<{ name: string; path: string }> };
};
const missing: string[] = [];
for (const shot of plugin.info.screenshots) {
  const source = path.join(root, 'test-results', `react18-${path.basename(shot.path)}`);
  if (!existsSync(source)) {
    missing.push(source);
    continue;
  }
  const target = path.join(root, 'src', shot.path);
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(source, target);
  console.log(`${shot.name}: ${path.relative(root, target)}`);
}
if (missing.length > 0) {
  console.error(`missing (run the browser test first: npx vitest run grafana-plugin/test/browser.test.ts):\n  ${missing.join('\n  ')}`);
  process.exitCode = 1;
}
