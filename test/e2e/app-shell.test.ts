import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, explainWait, launchChromium, type Browser } from '../helpers/chromium';
import { startTestService, type TestService } from '../helpers/test-service';

const rendererDir = join(__dirname, '..', '..', 'out', 'renderer');
let svc: TestService;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  svc = await startTestService({ rendererDir });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await svc?.close();
});

describe('renderer app shell in Chromium', () => {
  it('opens from ?key= and shows the service health', async () => {
    const page = await browser.context.newPage();
    const response = await page.goto(`${svc.url}/?key=${svc.key}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("connect-src 'self'");
    const status = page.getByTestId('health-status');
    await explainWait(page, 'The service health', () => expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/Service ok · v\d+\.\d+\.\d+/));
    // The key leaves the address bar once read.
    expect(page.url()).not.toContain(svc.key);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'app-shell-health.png') });
    await page.close();
  });
});
