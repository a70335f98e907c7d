/** The app shell opens from `?key=` in Chromium, under the CSP, and shows the service's health. */
import { describe, expect, it } from 'vitest';
import { explainWait } from '../helpers/chromium';
import { useE2eApp } from '../helpers/e2e-app';

const app = useE2eApp('app-shell');

describe('renderer app shell in Chromium', () => {
  it('opens from ?key= and shows the service health', async () => {
    const page = await app.browser.context.newPage();
    const response = await page.goto(`${app.svc.url}/?key=${app.svc.key}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("connect-src 'self'");
    const status = page.getByTestId('health-status');
    await explainWait(page, 'The service health', () => expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/Service ok · v\d+\.\d+\.\d+/));
    // The key leaves the address bar once read.
    expect(page.url()).not.toContain(app.svc.key);
    await app.shot(page, 'health');
    await page.close();
  });
});
