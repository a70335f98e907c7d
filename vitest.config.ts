import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // One clear message when fixtures, GDAL or its Python bindings are missing (test/helpers/preflight.ts).
    globalSetup: ['./test/helpers/preflight-unit.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
