/**
 * A page that stays blank past its wait must say why: the wait fails with what the page reported
 * (uncaught exceptions, console errors, failed requests), not with a bare timeout.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainWait, launchChromium, pageProblems, type Browser } from '../helpers/chromium';

let browser: Browser;
let server: Server;
let origin: string;

beforeAll(async () => {
  // A page whose script logs an error, requests a missing bundle and then throws: it never renders.
  server = createServer((req, res) => {
    if (req.url?.startsWith('/missing.js')) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><div id="root"></div>
      <script src="/missing.js"></script>
      <script>console.error('renderer failed to start'); throw new Error('store is undefined');</script>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('explainWait', () => {
  it('fails a wait on a blank page with the page\'s own errors, key redacted', async () => {
    const page = await browser.context.newPage();
    const attempt = explainWait(page, 'The app (its map canvas)', async () => {
      await page.goto(`${origin}/?key=secret-test-key`);
      await page.locator('.map canvas').first().waitFor({ state: 'attached', timeout: 1_000 });
    });
    const error = await attempt.then(() => null, (e: unknown) => e as Error);
    expect(error?.message).toMatch(/^The app \(its map canvas\) did not appear on http:\/\/127\.0\.0\.1:\d+\/\?key=…: .*Timeout/);
    expect(error?.message).toContain('uncaught: store is undefined');
    expect(error?.message).toContain('console.error: renderer failed to start');
    expect(error?.message).toMatch(/HTTP 404: GET http:\/\/127\.0\.0\.1:\d+\/missing\.js/);
    expect(error?.message).not.toContain('secret-test-key');
    await page.close();
  });

  it('passes the wait\'s result through when the page renders, and watches pages opened later too', async () => {
    const page = await browser.context.newPage();
    await page.setContent('<div class="map"><canvas></canvas></div>');
    const found = await explainWait(page, 'The map', () => page.locator('.map canvas').count());
    expect(found).toBe(1);
    expect(pageProblems(page)).toEqual([]);
    await page.close();
  });
});
