/**
 * The one set-up of the browser tests: a real service serving the built renderer (with the journey
 * catalog — the fake upstream holding the 29RKH scenes, e2e-catalog.ts — when asked for), Debian
 * Chromium, pages opened with `?key=`, console errors collected (a test fails on any it checks),
 * numbered screenshots in ARTIFACTS_DIR, and for a failed test `<prefix>-failed.png` and the page's
 * errors. `useE2eApp` registers it for one test file:
 *
 *   const app = useE2eApp('journey-change', { catalog: {}, routes: ['POST /api/v1/jobs'] });
 *   it('…', async () => { const page = await app.open(journeyHash()); app.catalog.fake.faults… });
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { ARTIFACTS_DIR, explainWait, launchChromium, type Browser } from './chromium';
import { orUndo, runAll } from './clean-up';
import { startJourneyCatalog, type JourneyCatalog } from './e2e-catalog';
import type { KitVariant } from './area-scenes/kit';
import type { FakeUpstreamOptions } from './fake-upstream';
import { startTestService, type TestService } from './test-service';
import type { ApiRoute } from '../../electron/service/api/contract';
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

export interface E2eAppOptions {
  /**
   * Serve the journey catalog (and point the service at it); `extraScenes` more copies of the
   * scene; `area` also the area kit of that variant (test/helpers/area-scenes).
   */
  catalog?: { extraScenes?: number; fake?: FakeUpstreamOptions; area?: KitVariant };
  /** Runs with the catalog before the service starts (e.g. a source that hangs). */
  prepare?: (catalog: JourneyCatalog) => void;
  overrides?: Partial<ServiceConfig>;
  /** Service environment, over the catalog's (or NO_UPSTREAMS). */
  env?: NodeJS.ProcessEnv;
  /** Routes the test walks: a missing one fails the set-up by name instead of as a UI timeout. */
  routes?: ApiRoute[];
}

export interface E2eApp {
  prefix: string;
  svc: TestService;
  browser: Browser;
  /** The journey catalog (only when the options asked for one). */
  catalog: JourneyCatalog;
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

/** Fails naming the routes of `routes` the service has not registered. */
export function requireRoutes(svc: TestService, routes: readonly ApiRoute[]): void {
  const registered = new Set(svc.service.routes.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`));
  const missing = routes.filter((route) => !registered.has(route));
  if (missing.length > 0) throw new Error(`the service does not have these routes: ${missing.join(', ')}`);
}

export async function startE2eApp(prefix: string, options: E2eAppOptions = {}): Promise<E2eApp> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) throw new Error(`The renderer is not built (${RENDERER_DIR}); run \`npx electron-vite build\` first.`);
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const catalog = options.catalog ? await startJourneyCatalog(options.catalog.fake, options.catalog.extraScenes, options.catalog.area) : null;
  const closeCatalog = () => catalog?.close();
  if (catalog) options.prepare?.(catalog);
  const env = { ...(catalog ? catalog.env : NO_UPSTREAMS), ...options.env };
  const svc = await orUndo(() => startTestService({ rendererDir: RENDERER_DIR, ...options.overrides }, env), closeCatalog);
  const browser = await orUndo(async () => {
    requireRoutes(svc, options.routes ?? []);
    return launchChromium();
  }, () => runAll(() => svc.close(), closeCatalog));
  const pageErrors: string[] = [];
  const requests: string[] = [];
  let counter = 0;
  const app: E2eApp = {
    prefix,
    svc,
    browser,
    get catalog(): JourneyCatalog {
      if (!catalog) throw new Error(`${prefix}: this e2e app was started without a catalog (options.catalog)`);
      return catalog;
    },
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
      await runAll(() => browser.close(), () => svc.close(), closeCatalog).catch(() => undefined);
    },
  };
  return app;
}

/** A failed test leaves `<prefix>-failed.png` and prints the page's errors. */
async function recordFailure(app: E2eApp): Promise<void> {
  const page = app.lastPage;
  if (page && !page.isClosed()) await page.screenshot({ path: join(ARTIFACTS_DIR, `${app.prefix}-failed.png`) }).catch(() => undefined);
  if (app.pageErrors.length > 0) console.error(`page errors:\n${app.pageErrors.join('\n')}`);
}

/**
 * The e2e app of one test file: started before its tests, closed after them, a screenshot and
 * the page errors for each failed test. The returned object reads the started app.
 */
export function useE2eApp(prefix: string, options: E2eAppOptions = {}): E2eApp {
  let started: E2eApp | null = null;
  const current = (): E2eApp => {
    if (!started) throw new Error(`the e2e app "${prefix}" has not started (its beforeAll failed or has not run)`);
    return started;
  };
  beforeAll(async () => { started = await startE2eApp(prefix, options); });
  afterAll(async () => { await started?.close(); });
  beforeEach(({ onTestFailed }) => {
    onTestFailed(() => (started ? recordFailure(started) : undefined));
  });
  return {
    prefix,
    get svc() { return current().svc; },
    get browser() { return current().browser; },
    get catalog() { return current().catalog; },
    get lastPage() { return current().lastPage; },
    get pageErrors() { return current().pageErrors; },
    get requests() { return current().requests; },
    open: (hash) => current().open(hash),
    shot: (page, name) => current().shot(page, name),
    close: () => current().close(),
  };
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

/** How many moves of the map's view have ended so far (renderer/src/map/view-marks.ts). */
export async function mapMoves(page: Page): Promise<number> {
  return Number((await page.getByTestId('map').getAttribute('data-view-moves')) ?? 0);
}

/** Waits until the view has moved since `movesBefore` (mapMoves) and come to rest fully drawn. */
export async function waitForStillMap(page: Page, movesBefore: number, timeout = 30_000): Promise<void> {
  const map = page.getByTestId('map');
  const still = async () => {
    const [moves, drawn] = await Promise.all([map.getAttribute('data-view-moves'), map.getAttribute('data-view-drawn')]);
    return Number(moves ?? 0) > movesBefore && moves === drawn;
  };
  await expect.poll(still, { timeout }).toBe(true);
}

/** Drags on the map from one point to another (page pixels), in small steps like a hand would. */
export async function dragOnMap(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  await page.mouse.move(from[0], from[1]);
  await page.mouse.down();
  await page.mouse.move(to[0], to[1], { steps: 12 });
  await page.mouse.up();
}
