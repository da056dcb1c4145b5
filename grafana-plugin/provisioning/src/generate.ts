import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderProvisioning } from './renderProvisioning.ts';

/** The committed output: grafana-plugin/provisioning/grafana/, regenerated whole. */
export const OUTPUT_DIR = fileURLToPath(new URL('../grafana/', import.meta.url));

rmSync(OUTPUT_DIR, { recursive: true, force: true });
for (const [path, content] of Object.entries(renderProvisioning())) {
  mkdirSync(dirname(join(OUTPUT_DIR, path)), { recursive: true });
  writeFileSync(join(OUTPUT_DIR, path), content);
}
process.stdout.write(`wrote ${OUTPUT_DIR}\n`);
