/**
 * Launches the real desktop app with Playwright's _electron where an Electron binary exists. On
 * machines where Electron's binary could not be downloaded (it is fetched lazily on first run)
 * the test is skipped and says why.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');

function electronBinary(): { path: string | null; why: string } {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
    return existsSync(candidate) ? { path: candidate, why: '' } : { path: null, why: `ELECTRON_OVERRIDE_DIST_PATH has no electron binary (${candidate})` };
  }
  if (!existsSync(pathFile)) return { path: null, why: 'node_modules/electron/path.txt is missing: the Electron binary was never downloaded on this machine (Electron ≥ 42 fetches it on first run; this machine has no access to its download host)' };
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary, why: '' } : { path: null, why: `Electron binary missing at ${binary}` };
}

const found = electronBinary();
if (!found.path) console.warn(`[electron-smoke] SKIPPED: ${found.why}`);

describe.skipIf(!found.path)('Electron desktop app (skipped where no Electron binary exists)', () => {
  it('starts the embedded service and shows its health in a hardened window', async () => {
    // The embedded service needs better-sqlite3 built for Electron's ABI (fetched once, into out/native).
    execFileSync(process.execPath, [join(root, 'electron/scripts/prepare-electron-sqlite.mjs')], { stdio: 'inherit' });
    const app = await _electron.launch({
      executablePath: found.path!,
      args: [root, '--no-sandbox'],
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
    });
    try {
      const window = await app.firstWindow();
      await expect.poll(() => window.getByTestId('health-status').textContent(), { timeout: 30_000 }).toMatch(/Service ok/);
      // Sandboxed, isolated, no Node: the page sees neither require nor process.
      expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await window.evaluate(() => Object.keys((window as unknown as { astra: object }).astra).sort())).toEqual(['apiBase', 'revealInFolder', 'saveFile', 'sessionKey']);
    } finally {
      await app.close();
    }
  });
});
