import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer order is enforced by `pnpm lint` (eslint.config.js). These lint source text as if it
 * were a file at the given path, so a backwards import is shown to fail lint without touching the tree.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function problems(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: `${root}${path}` });
  return result!.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe('the layer order', () => {
  it('fails lint when a feature folder imports api/', async () => {
    const found = await problems(
      'collector/src/gates/backwards.ts',
      "import { mountRoutes } from '../api/routes.ts';\nexport const routes = mountRoutes;\n",
    );
    expect(found).toEqual([expect.stringMatching(/^import-x\/no-restricted-paths: .*collector\/src\/gates comes before/)]);
  });

  it('fails lint when a layer imports a later one or a sibling of its own layer', async () => {
    expect(await problems('collector/src/shared/backwards.ts', "export { nextMicros } from '../store/Store.ts';\n")).toHaveLength(1);
    expect(await problems('collector/src/gates/sideways.ts', "export { getConfig } from '../configs/configRepository.ts';\n")).toHaveLength(
      1,
    );
    expect(await problems('collector/src/failures/router.ts', "export { gatesRouter } from '../gates/api/gatesRouter.ts';\n")).toHaveLength(
      2,
    );
  });

  it('passes imports that point down the order, and keeps the packages apart', async () => {
    expect(await problems('collector/src/gates/forward.ts', "export { createRandom } from '../shared/random.ts';\n")).toEqual([]);
    expect(await problems('collector/src/api/more.ts', "export { gatesRouter } from '../gates/api/gatesRouter.ts';\n")).toEqual([]);
    expect(await problems('protocol/src/api/x.ts', "export { setup } from '@trumpets/instrumentation';\n")).toHaveLength(1);
    expect(await problems('instrumentation/src/x.ts', "export { startCollector } from '@trumpets/collector';\n")).toHaveLength(1);
  });
});
