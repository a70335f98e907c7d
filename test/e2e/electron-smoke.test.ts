/**
 * Launches the real desktop app with Playwright's _electron where an Electron binary exists: the
 * window loads the embedded service's page, `window.astra` holds only the bridge's four members,
 * the page has no Node, a navigation to another origin is blocked, window.open opens nothing and
 * permissions other than clipboard writing are denied. Where no binary exists (Electron ≥ 42
 * downloads it on first use; `npm start` does that) or no display is available, it is skipped and
 * says exactly why.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { electronBinaryState } from '../../electron/scripts/lib/electron-binary.mjs';
import { NO_UPSTREAMS } from '../helpers/e2e-app';

const root = join(__dirname, '..', '..');

/** What the tests touch of the page's global scope (the Node-side tsconfig has no DOM types). */
interface Browser {
  astra: { revealInFolder(path: string): Promise<void> };
  astraMarker?: string;
  location: { href: string };
  open(url: string): unknown;
  navigator: { permissions: { query(descriptor: { name: string }): Promise<{ state: string }> } };
}

function skipReason(): string | null {
  const state = electronBinaryState(join(root, 'node_modules', 'electron'));
  if (!state.path) return `${state.why}. \`node electron/scripts/ensure-electron.mjs\` (the first step of npm start) downloads it where github.com or an ELECTRON_MIRROR is reachable`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return `an Electron binary exists (${state.path}) but there is no display: set DISPLAY (for example run under xvfb-run)`;
  return null;
}

const skip = skipReason();
if (skip) console.warn(`[electron-smoke] SKIPPED: ${skip}`);

describe.skipIf(skip !== null)('Electron desktop app (skipped where no Electron binary or display exists)', () => {
  it('loads the app in a hardened window that cannot be steered elsewhere', async () => {
    // The embedded service needs better-sqlite3 built for Electron's ABI (fetched once, into out/native).
    execFileSync(process.execPath, [join(root, 'electron/scripts/prepare-electron-sqlite.mjs')], { stdio: 'inherit' });
    const home = mkdtempSync(join(tmpdir(), 'astra-electron-smoke-'));
    const app = await _electron.launch({
      args: [root, '--no-sandbox'],
      executablePath: electronBinaryState(join(root, 'node_modules', 'electron')).path!,
      // Its own user-data folder, and catalogs that refuse at once: nothing leaves this machine.
      env: { ...process.env, ...NO_UPSTREAMS, XDG_CONFIG_HOME: home, ELECTRON_ENABLE_LOGGING: '1' },
    });
    try {
      const page = await app.firstWindow();
      await expect.poll(() => page.getByTestId('health-status').textContent(), { timeout: 30_000 }).toMatch(/Service ok/);
      const appOrigin = new URL(page.url()).origin;
      expect(appOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      // Sandboxed, isolated, no Node: the page sees neither require nor process, and the bridge has only its four members.
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => Object.keys((globalThis as unknown as Browser).astra).sort())).toEqual(['apiBase', 'revealInFolder', 'saveFile', 'sessionKey']);

      // Revealing a path the app did not save is refused by the main process.
      await expect(page.evaluate(() => (globalThis as unknown as Browser).astra.revealInFolder('/etc/passwd'))).rejects.toThrow(/only files saved by this app/);

      // A navigation to another origin (another port on loopback: nothing leaves the machine) is
      // blocked: the main process sees will-navigate already prevented, and the same document stays.
      await app.evaluate(({ BrowserWindow }) => {
        const seen: { url: string; prevented: boolean }[] = [];
        (globalThis as { astraNavigations?: typeof seen }).astraNavigations = seen;
        BrowserWindow.getAllWindows()[0].webContents.on('will-navigate', (event) => seen.push({ url: event.url, prevented: event.defaultPrevented }));
      });
      await page.evaluate(() => { (globalThis as unknown as Browser).astraMarker = 'same document'; });
      const outside = 'http://127.0.0.1:9/elsewhere';
      await page.evaluate((url) => { (globalThis as unknown as Browser).location.href = url; }, outside);
      await expect.poll(() => app.evaluate(() => (globalThis as { astraNavigations?: unknown[] }).astraNavigations), { timeout: 10_000 })
        .toEqual([{ url: outside, prevented: true }]);
      expect(await page.evaluate(() => (globalThis as unknown as Browser).astraMarker)).toBe('same document');
      expect(new URL(page.url()).origin).toBe(appOrigin);

      // window.open opens nothing inside the app.
      await page.evaluate(() => { (globalThis as unknown as Browser).open('http://127.0.0.1:9/popup'); });
      expect(app.windows()).toHaveLength(1);

      // Permissions: everything but clipboard writing is denied.
      expect(await page.evaluate(async () => (await (globalThis as unknown as Browser).navigator.permissions.query({ name: 'geolocation' })).state)).toBe('denied');
      expect(await page.evaluate(async () => (await (globalThis as unknown as Browser).navigator.permissions.query({ name: 'notifications' })).state)).toBe('denied');
    } finally {
      await app.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
