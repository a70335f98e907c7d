#!/usr/bin/env node
/**
 * The suites of `npm test` (after its type-check, lint and build): unit + integration, then the
 * browser journeys. Both always run, so a failure in the first never hides the second's results;
 * the exit code is non-zero when either failed. Each vitest run writes its counts through
 * test/helpers/summary-reporter.ts (ASTRA_TEST_SUMMARY_FILE); the last line prints both.
 *
 * usage: node scripts/run-tests.mjs [name=vitest-config ...]
 *   default: unit=vitest.config.ts e2e=vitest.e2e.config.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const DEFAULT_SUITES = ['unit=vitest.config.ts', 'e2e=vitest.e2e.config.ts'];
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

const suites = (process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_SUITES).map((arg) => {
  const [name, config] = arg.split('=');
  if (!name || !config) throw new Error(`run-tests: expected name=vitest-config, got "${arg}"`);
  return { name, config };
});

const workDir = mkdtempSync(join(tmpdir(), 'astra-run-tests-'));
const results = [];
try {
  for (const suite of suites) {
    const summaryFile = join(workDir, `${suite.name}.json`);
    console.log(`\n── ${suite.name}: vitest run --config ${suite.config}`);
    const child = spawnSync(process.execPath, [vitest, 'run', '--config', suite.config], {
      stdio: 'inherit',
      env: { ...process.env, ASTRA_TEST_SUMMARY_FILE: summaryFile },
    });
    if (child.signal === 'SIGINT' || child.signal === 'SIGTERM') {
      console.log(`\nrun-tests: ${suite.name} stopped by ${child.signal}; later suites not run`);
      process.exit(130);
    }
    const summary = existsSync(summaryFile) ? JSON.parse(readFileSync(summaryFile, 'utf8')) : null;
    const code = child.status ?? 1;
    const failed = code !== 0 || !summary || summary.failed;
    const line = summary
      ? summary.line
      : `no results: vitest ended (${child.error ? child.error.message : `exit code ${code}`}) without its summary (see the output above)`;
    results.push({ name: suite.name, failed, line: failed && summary && !summary.failed ? `${line}; vitest exited with code ${code}` : line });
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

const failedSuites = results.filter((r) => r.failed).map((r) => r.name);
const verdict = failedSuites.length ? `FAILED (${failedSuites.join(', ')})` : 'passed';
console.log(`\ntests: ${results.map((r) => `${r.name}: ${r.line}`).join(' | ')} → ${verdict}`);
process.exit(failedSuites.length ? 1 : 0);
