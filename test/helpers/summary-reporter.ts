import { writeFileSync } from 'node:fs';
import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';

/** What one vitest run did, in the form scripts/run-tests.mjs combines. */
export interface SuiteSummary {
  tests: { passed: number; failed: number; skipped: number; notRun: number };
  files: { total: number; passed: number; failed: number; skipped: number; notRun: number };
  unhandledErrors: number;
  reason: TestRunEndReason;
}

/** A file fails when a test in it fails or when it fails to load or collect (it then has no tests). */
export function summarize(modules: ReadonlyArray<TestModule>, unhandledErrors: number, reason: TestRunEndReason): SuiteSummary {
  const summary: SuiteSummary = {
    tests: { passed: 0, failed: 0, skipped: 0, notRun: 0 },
    files: { total: modules.length, passed: 0, failed: 0, skipped: 0, notRun: 0 },
    unhandledErrors,
    reason,
  };
  for (const mod of modules) {
    const state = mod.state();
    if (state === 'passed' || state === 'failed' || state === 'skipped') summary.files[state] += 1;
    else summary.files.notRun += 1;
    for (const test of mod.children.allTests()) {
      const result = test.result().state;
      if (result === 'passed' || result === 'failed' || result === 'skipped') summary.tests[result] += 1;
      else summary.tests.notRun += 1;
    }
  }
  return summary;
}

export function summaryFailed(s: SuiteSummary): boolean {
  return s.tests.failed + s.tests.notRun + s.files.failed + s.files.notRun + s.unhandledErrors > 0 || s.reason !== 'passed';
}

/**
 * `N passed, N failed, N skipped; files: N, N failed[, N not run][; N unhandled errors]`, or why
 * no test ran; never a bare "0 failed" for a run that failed.
 */
export function formatSummary(s: SuiteSummary): string {
  if (s.files.total === 0) return s.reason === 'passed' ? 'no test files ran' : "no test files ran: the run failed before any (see vitest's error output)";
  const tests = `${s.tests.passed} passed, ${s.tests.failed} failed, ${s.tests.skipped} skipped${s.tests.notRun ? `, ${s.tests.notRun} not run` : ''}`;
  const files = `files: ${s.files.total}, ${s.files.failed} failed${s.files.notRun ? `, ${s.files.notRun} not run` : ''}`;
  const errors = s.unhandledErrors ? `; ${s.unhandledErrors} unhandled error${s.unhandledErrors === 1 ? '' : 's'}` : '';
  const counted = s.tests.failed + s.tests.notRun + s.files.failed + s.files.notRun + s.unhandledErrors > 0;
  const reason = s.reason === 'interrupted' ? '; interrupted' : s.reason === 'failed' && !counted ? "; the run failed outside any test (see vitest's error output)" : '';
  return `${tests}; ${files}${errors}${reason}`;
}

/**
 * Prints one plain closing line after vitest's own summary — `vitest: N passed, N failed,
 * N skipped; files: N, N failed` — so a CI log reader sees the counts in a standard form, and a
 * file that failed to load never reads as "0 failed". With ASTRA_TEST_SUMMARY_FILE set it also
 * writes the counts there as JSON for scripts/run-tests.mjs.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    const summary = summarize(testModules, unhandledErrors.length, reason);
    process.stdout.write(`\nvitest: ${formatSummary(summary)}\n`);
    const file = process.env.ASTRA_TEST_SUMMARY_FILE;
    if (file) writeFileSync(file, JSON.stringify({ ...summary, failed: summaryFailed(summary), line: formatSummary(summary) }));
  }
}
