// `pnpm lint`: ESLint (typescript-eslint) and Prettier. The layer order below is the one written
// in the architecture notes; the linter makes it a fact: a folder imports only from the layers
// before it, never from a later layer or from a sibling in its own layer.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The collector's folders (and top-level files) in layer order. Each entry is one layer; the
 * names in one layer are siblings that must not import each other. Folders that do not exist
 * yet are listed where they will go, so adding them does not need a lint change.
 */
export const COLLECTOR_LAYERS = [
  ['shared'],
  ['log'],
  ['stats'],
  ['http', 'store'],
  ['otlp'],
  ['spans'],
  ['redaction'],
  ['spool', 'episodes'],
  ['ingest'],
  ['metrics'],
  ['failures', 'configs', 'gates'],
  ['proposals', 'regressions'],
  ['releases'],
  ['alerts'],
  ['analytics'],
  ['config.ts'],
  ['api'],
  ['startCollector.ts'],
  ['demo'],
  ['cli.ts', 'index.ts'],
  ['testing'],
  ['e2e'],
];

const collectorPath = (name) => `./collector/src/${name}`;

/** One zone per folder: it may not import any later layer, nor a sibling of its own layer. */
function layerZones(layers) {
  return layers.flatMap((layer, index) =>
    layer
      .map((name) => ({ name, forbidden: [...layer.filter((other) => other !== name), ...layers.slice(index + 1).flat()] }))
      .filter(({ forbidden }) => forbidden.length > 0)
      .map(({ name, forbidden }) => ({
        target: collectorPath(name),
        from: forbidden.map(collectorPath),
        message: `collector/src/${name} comes before these in the layer order (eslint.config.js): import only from earlier layers`,
      })),
  );
}

/** The Node globals our .js/.mjs scripts use (TypeScript files are checked by the compiler). */
const NODE_GLOBALS = [
  'process',
  'console',
  'Buffer',
  'URL',
  'fetch',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'setImmediate',
  'performance',
  'AbortController',
  'TextEncoder',
  'TextDecoder',
];

const testFiles = ['**/*.test.ts', '**/testing/**', '**/e2e/**'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'grafana-plugin/**', '**/.trumpets/**', 'bench/.results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: Object.fromEntries(NODE_GLOBALS.map((name) => [name, 'readonly'])) },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['collector/src/**/*.ts'],
    ignores: testFiles,
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones(COLLECTOR_LAYERS) }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@trumpets/instrumentation(?!/redaction$)',
              message: 'the collector depends on the tracer only for its redaction rules; shared names live in @trumpets/protocol',
            },
            {
              regex: '(Router|Route)\\.ts$',
              message: "feature folders never import each other's routers: api/routes.ts mounts them all",
            },
          ],
        },
      ],
    },
  },
  // Composition may import routers; the demo drives the tracer's sample agent against the collector.
  {
    files: ['collector/src/api/**/*.ts', 'collector/src/demo/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  // Tests read loosely typed JSON answers.
  {
    files: testFiles,
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['instrumentation/src/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@trumpets/collector',
              message: 'the tracer never depends on the collector; shared names live in @trumpets/protocol',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['protocol/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^@trumpets/', message: '@trumpets/protocol is the bottom layer: it imports no other Trumpets package' }] },
      ],
    },
  },
);
