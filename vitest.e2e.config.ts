import { defineConfig } from 'vitest/config';

// Browser journeys: Debian Chromium driven by playwright-core against the built renderer served
// by a real service. One file at a time: the machine has two cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    // One clear message when fixtures or Chromium are missing (test/helpers/preflight.ts).
    globalSetup: ['./test/helpers/preflight-e2e.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
