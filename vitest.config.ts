import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests start real collector processes and embedded ClickHouse sessions: give them room.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // CI reads vitest's own counts from this report to print "N passed, N failed".
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/vitest-report.json' }]] : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: [
            'protocol/src/**/*.test.ts',
            'instrumentation/src/**/*.test.ts',
            'collector/src/**/*.test.ts',
            'grafana-plugin/provisioning/src/**/*.test.ts',
            'examples/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'plugin',
          include: ['grafana-plugin/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['grafana-plugin/test/setupDom.ts'],
          // @grafana/* ship CommonJS dependencies (moment-timezone) that only load when inlined.
          server: { deps: { inline: [/@grafana\//] } },
        },
      },
      {
        extends: true,
        test: {
          name: 'plugin-build',
          include: ['grafana-plugin/scripts/**/*.test.ts', 'grafana-plugin/test/**/*.test.ts'],
          // These read the real built dist/: build it first when it is missing or stale.
          globalSetup: ['grafana-plugin/test/buildPlugin.ts'],
        },
      },
    ],
  },
});
