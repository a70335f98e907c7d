import { defineConfig } from 'vitest/config';

// The browser journeys that need the search, scenes, assets, jobs and cache routes. Run them with
//   npx vitest run --config test/e2e/journeys/vitest.journeys.config.ts
// and enable one in the default e2e run by renaming it from *.journey.ts to *.test.ts.
export default defineConfig({
  test: {
    include: ['test/e2e/journeys/**/*.journey.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
