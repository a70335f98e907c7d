/**
 * One browser journey's setup: a real service serving the built renderer, Debian Chromium, a page
 * opened with `?key=`, console errors collected (a journey fails on any), and numbered screenshots
 * in ARTIFACTS_DIR.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { onTestFailed } from 'vitest';
import { ARTIFACTS_DIR, explainWait, launchChromium, type Browser } from './chromium';
import { orUndo, runAll } from './clean-up';
import { startTestService, type TestService } from './test-service';
import type { ServiceConfig } from '../../electron/service/config';

export const RENDERER_DIR = join(__dirname, '..', '..', 'out', 'renderer');

/** Upstream catalogs that refuse at once: tests never reach the internet by accident. */
export const NO_UPSTREAMS: NodeJS.ProcessEnv = {
  ASTRA_EARTH_SEARCH_URL: 'http://127.0.0.1:9/earth-search',
  ASTRA_PLANETARY_COMPUTER_URL: 'http://127.0.0.1:9/pc',
  ASTRA_PC_SAS_URL: 'http://127.0.0.1:9/sas',
  ASTRA_LANDSATLOOK_URL: 'http://127.0.0.1:9/landsatlook',
  ASTRA_UPSTREAM_TIMEOUT_MS: '2000',
};

export interface E2eApp {
  prefix: string;
  svc: TestService;
  browser: Browser;
  /** Opens the app (optionally with a hash) and waits for the map's canvas. */
  open(hash?: string): Promise<Page>;
  /** The page opened last (for a screenshot when a test fails). */
  lastPage: Page | null;
  /** Saves `<prefix>-<nn>-<name>.png` into ARTIFACTS_DIR. */
  shot(page: Page, name: string): Promise<string>;
  /** Console errors and uncaught exceptions seen so far, minus the expected ones. */
  pageErrors: string[];
  /** Every URL the pages requested (to prove nothing left this machine's service). */
  requests: string[];
  close(): Promise<void>;
}

export async function startE2eApp(prefix: string, overrides: Partial<ServiceConfig> = {}, env: NodeJS.ProcessEnv = NO_UPSTREAMS): Promise<E2eApp> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error(`The renderer is not built (${RENDERER_DIR}); run \`npx electron-vite build\` first.`);
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const svc = await startTestService({ rendererDir: RENDERER_DIR, ...overrides }, env);
  const browser = await orUndo(() => launchChromium(), () => svc.close());
  const pageErrors: string[] = [];
  const requests: string[] = [];
  let counter = 0;
  const app: E2eApp = {
    prefix,
    svc,
    browser,
    pageErrors,
    requests,
    lastPage: null,
    async open(hash = '') {
      const page = await browser.context.newPage();
      app.lastPage = page;
      page.on('request', (request) => requests.push(request.url()));
      // E2E_DEBUG=1: log COG/result responses and console messages (console.error with its stack).
      if (process.env.E2E_DEBUG) {
        page.on('response', (r) => {
          if (/\/cog|result\.tif/.test(r.url())) console.log('RESP', r.status(), r.url().replace(svc.url, ''), r.request().headers().range ?? '', r.headers()['content-range'] ?? '');
        });
        page.on('console', (m) => console.log('CONSOLE', m.type(), m.text(), m.location().url));
        await page.addInitScript("const e = console.error; console.error = (...a) => e(...a, '\\nSTACK ' + new Error().stack);");
      }
      page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        // Failed fetches are logged by Chromium as console errors; the app shows those itself.
        if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) pageErrors.push(`console: ${message.text()}`);
      });
      await explainWait(page, 'The app (its map canvas)', async () => {
        await page.goto(`${svc.url}/?key=${svc.key}${hash}`);
        await page.locator('.map canvas').first().waitFor({ state: 'attached', timeout: 20_000 });
      });
      return page;
    },
    async shot(page, name) {
      counter += 1;
      const path = join(ARTIFACTS_DIR, `${prefix}-${String(counter).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await runAll(() => browser.close(), () => svc.close()).catch(() => undefined);
    },
  };
  return app;
}

/** Call at the start of a test: a failing test leaves `<prefix>-failed.png` and the page's errors. */
export function screenshotOnFailure(app: E2eApp): void {
  onTestFailed(async () => {
    const page = app.lastPage;
    if (page && !page.isClosed()) await page.screenshot({ path: join(ARTIFACTS_DIR, `${app.prefix}-failed.png`) }).catch(() => undefined);
    if (app.pageErrors.length > 0) console.error(`page errors:\n${app.pageErrors.join('\n')}`);
  });
}

/** Share (0..1) of the basemap canvas painted in the land colour; > 0 once tiles are drawn. */
export function landShare(page: Page): Promise<number> {
  return page.evaluate(`(() => {
    const canvas = document.querySelector('.basemap canvas');
    if (!canvas || !canvas.width) return 0;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let land = 0;
    for (let i = 0; i < data.length; i += 4 * 7) {
      if (Math.abs(data[i] - 244) < 6 && Math.abs(data[i + 1] - 241) < 6 && Math.abs(data[i + 2] - 232) < 6) land++;
    }
    return land / (data.length / (4 * 7));
  })()`) as Promise<number>;
}

/** Waits until basemap tiles are painted and the map has settled. */
export async function waitForBasemap(page: Page): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if ((await landShare(page)) > 0.02) break;
    await page.waitForTimeout(200);
  }
  await page.waitForTimeout(300);
}

/** The `#…` of the page's URL, parsed. */
export function hashParams(page: Page): URLSearchParams {
  return new URLSearchParams(new URL(page.url()).hash.slice(1));
}

/** Drags on the map from one point to another (page pixels), in small steps like a hand would. */
export async function dragOnMap(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  await page.mouse.move(from[0], from[1]);
  await page.mouse.down();
  await page.mouse.move(to[0], to[1], { steps: 12 });
  await page.mouse.up();
}
