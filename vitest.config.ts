import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['instrumentation/src/**/*.test.ts', 'collector/src/**/*.test.ts'],
    // Tests start real collector processes and embedded ClickHouse sessions: give them room.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // CI reads vitest's own counts from this report to print "N passed, N failed".
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/vitest-report.json' }]] : ['default'],
  },
});
