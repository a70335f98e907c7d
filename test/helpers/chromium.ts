/**
 * Launches Debian's Chromium through playwright-core (no browser download exists here) on a fresh
 * profile, with the flags this machine's closed network needs.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.ASTRA_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set ASTRA_CHROMIUM)`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'astra-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Where e2e screenshots go; kept as CI artifacts. */
export const ARTIFACTS_DIR = join(__dirname, '..', '..', 'test-results', 'e2e');

const logs = new WeakMap<Page, string[]>();

/** Keys in URLs are replaced: the log may end up in CI output. */
function redact(text: string): string {
  return text.replace(/([?&]key=)[^&#\s]+/g, '$1…');
}

/**
 * Records what a page reports going wrong — uncaught exceptions, console errors and warnings,
 * failed requests and HTTP errors — so a wait that times out can say why (every page of a browser
 * from launchChromium is watched from its start).
 */
export function watchPage(page: Page): void {
  if (logs.has(page)) return;
  const log: string[] = [];
  logs.set(page, log);
  page.on('pageerror', (error) => log.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') log.push(`console.${message.type()}: ${redact(message.text())}`);
  });
  page.on('requestfailed', (request) => log.push(`request failed: ${request.method()} ${redact(request.url())} (${request.failure()?.errorText ?? '?'})`));
  page.on('response', (response) => {
    if (response.status() >= 400) log.push(`HTTP ${response.status()}: ${response.request().method()} ${redact(response.url())}`);
  });
}

/** What the page has reported going wrong so far. */
export function pageProblems(page: Page): string[] {
  return [...(logs.get(page) ?? [])];
}

/**
 * Runs a wait for the page to show something; when it fails (the page stayed blank, or never got
 * there), fails with what the page itself reported, instead of a bare timeout.
 */
export async function explainWait<T>(page: Page, what: string, wait: () => Promise<T>): Promise<T> {
  try {
    return await wait();
  } catch (error) {
    const problems = pageProblems(page);
    const reported = problems.length ? problems.map((line) => `  ${line}`).join('\n') : '  (nothing: no uncaught exception, console error or failed request)';
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`${what} did not appear on ${redact(page.url())}: ${reason}\nThe page reported:\n${reported}`, { cause: error });
  }
}
