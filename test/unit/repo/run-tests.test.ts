/**
 * `npm test`'s suite runner (scripts/run-tests.mjs) and closing line (summary-reporter.ts), run for
 * real on small throw-away projects: a failing first suite must not hide the second's results, a
 * file that fails to load counts as a failed file, and a suite whose set-up fails reports that.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/fixtures';

const RUNNER = join(REPO_ROOT, 'scripts', 'run-tests.mjs');
const REPORTER = join(REPO_ROOT, 'test', 'helpers', 'summary-reporter.ts');
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A project of test files (globals, no imports: vitest is not installed there). */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'astra-run-tests-case-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, dirname(name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function config(include: string, extra = ''): string {
  return `export default { test: { include: [${JSON.stringify(include)}], globals: true, reporters: ['default', ${JSON.stringify(REPORTER)}]${extra} } };\n`;
}

function runTests(cwd: string, suites: string[]): { status: number | null; out: string; last: string } {
  const child = spawnSync(process.execPath, [RUNNER, ...suites], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  const out = child.stdout + child.stderr;
  const lines = child.stdout.trim().split('\n');
  return { status: child.status, out, last: lines[lines.length - 1] };
}

// Each case starts vitest two or three times: seconds each on a busy machine.
const SLOW = { timeout: 120_000 };
// A passing test of the fixture projects: their config must provide vitest's globals.
const PASS = "it('passes', () => { expect(typeof describe).toBe('function'); });\n";

describe('scripts/run-tests.mjs with the summary reporter', () => {
  it('runs the second suite after the first failed, counts a file that failed to load, and fails', SLOW, () => {
    const dir = project({
      'unit.config.mjs': config('unit/**/*.test.mjs'),
      'e2e.config.mjs': config('e2e/**/*.test.mjs'),
      'unit/pass.test.mjs': PASS,
      'unit/broken.test.mjs': "throw new Error('fixture folder missing');\n",
      'unit/fails.test.mjs': `${PASS}it('fails', () => { expect(1).toBe(2); });\n`,
      'e2e/journey.test.mjs': `${PASS}it('passes too', () => { expect(typeof it).toBe('function'); });\n`,
    });
    const { status, out, last } = runTests(dir, ['unit=unit.config.mjs', 'e2e=e2e.config.mjs']);
    expect(status).toBe(1);
    expect(out).toContain('vitest: 2 passed, 1 failed, 0 skipped; files: 3, 2 failed');
    expect(out).toContain('vitest: 2 passed, 0 failed, 0 skipped; files: 1, 0 failed');
    expect(last).toBe('tests: unit: 2 passed, 1 failed, 0 skipped; files: 3, 2 failed | e2e: 2 passed, 0 failed, 0 skipped; files: 1, 0 failed → FAILED (unit)');
  });

  it('says no test ran when a suite\'s set-up failed, still runs the next, and passes when all pass', SLOW, () => {
    const dir = project({
      'unit.config.mjs': config('unit/**/*.test.mjs', ", globalSetup: ['./setup.mjs']"),
      'setup.mjs': "export default function () { throw new Error('prerequisites missing: gdal'); }\n",
      'e2e.config.mjs': config('e2e/**/*.test.mjs'),
      'unit/pass.test.mjs': PASS,
      'e2e/journey.test.mjs': PASS,
    });
    const failing = runTests(dir, ['unit=unit.config.mjs', 'e2e=e2e.config.mjs']);
    expect(failing.status).toBe(1);
    expect(failing.out).toContain('prerequisites missing: gdal');
    expect(failing.last).toBe("tests: unit: no test files ran: the run failed before any (see vitest's error output) | e2e: 1 passed, 0 failed, 0 skipped; files: 1, 0 failed → FAILED (unit)");

    const passing = runTests(dir, ['e2e=e2e.config.mjs']);
    expect(passing.status).toBe(0);
    expect(passing.last).toBe('tests: e2e: 1 passed, 0 failed, 0 skipped; files: 1, 0 failed → passed');
  });
});
