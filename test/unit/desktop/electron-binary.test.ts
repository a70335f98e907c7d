/** electron-binary.mjs: whether Electron's binary is on the machine, read from a real package folder as install.js leaves it. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadFailureLine, downloadHost, electronBinaryState, executableName } from '../../../electron/scripts/lib/electron-binary.mjs';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'astra-electron-pkg-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '42.11.18' }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function install(version = 'v42.11.18') {
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'version'), version);
  writeFileSync(join(dir, 'dist', 'electron'), '#!/bin/sh\n');
  chmodSync(join(dir, 'dist', 'electron'), 0o755);
  writeFileSync(join(dir, 'path.txt'), 'electron');
}

describe('electronBinaryState', () => {
  it('says the binary was never downloaded when path.txt is missing (a fresh npm ci)', () => {
    const state = electronBinaryState(dir, {}, 'linux');
    expect(state.path).toBeNull();
    expect(state.version).toBe('42.11.18');
    expect(state.why).toMatch(/path\.txt is missing.*42\.11\.18.*not been downloaded/);
  });

  it('finds the executable that install.js unpacked', () => {
    install();
    expect(electronBinaryState(dir, {}, 'linux')).toEqual({ version: '42.11.18', path: join(dir, 'dist', 'electron'), why: '' });
  });

  it('refuses a dist/ left by another Electron version, or a path.txt naming a missing file', () => {
    install('v41.0.0');
    expect(electronBinaryState(dir, {}, 'linux').why).toMatch(/dist holds Electron v41\.0\.0, the package is 42\.11\.18/);
    install();
    rmSync(join(dir, 'dist', 'electron'));
    expect(electronBinaryState(dir, {}, 'linux').why).toMatch(/executable named by path\.txt is missing/);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as Electron does', () => {
    const override = join(dir, 'custom');
    expect(electronBinaryState(dir, { ELECTRON_OVERRIDE_DIST_PATH: override }, 'linux').why).toMatch(/ELECTRON_OVERRIDE_DIST_PATH holds no Electron executable/);
    mkdirSync(override);
    writeFileSync(join(override, 'electron'), '');
    expect(electronBinaryState(dir, { ELECTRON_OVERRIDE_DIST_PATH: override }, 'linux').path).toBe(join(override, 'electron'));
  });

  it('names the executable per platform as install.js does', () => {
    expect(executableName('linux')).toBe('electron');
    expect(executableName('win32')).toBe('electron.exe');
    expect(executableName('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
  });
});

describe('the download failure line', () => {
  it('is one line with the cause and every way forward', () => {
    const line = downloadFailureLine({ version: '42.11.18', host: 'github.com', reason: 'no connection: fetch failed' });
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/^ASTRA: could not download the Electron 42\.11\.18 binary from github\.com \(no connection: fetch failed\)\./);
    expect(line).toContain('ELECTRON_MIRROR');
    expect(line).toContain('HTTPS_PROXY');
    expect(line).toContain('ELECTRON_GET_USE_PROXY=1');
    expect(line).toContain('npm run serve');
  });

  it('names the host the installer used: a mirror from npm config or the environment, else GitHub', () => {
    expect(downloadHost({})).toBe('github.com');
    expect(downloadHost({ ELECTRON_MIRROR: 'https://mirror.example/electron/' })).toBe('mirror.example');
    expect(downloadHost({ npm_config_electron_mirror: 'http://127.0.0.1:8080/', ELECTRON_MIRROR: 'https://other.example/' })).toBe('127.0.0.1:8080');
  });
});
