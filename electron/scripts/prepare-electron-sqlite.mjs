#!/usr/bin/env node
/**
 * `npm start` runs the service inside Electron, whose Node ABI differs from the system Node that
 * `npm ci` built better-sqlite3 for (the tests and `npm run serve` need that Node build). Rather than
 * rebuilding node_modules in place (which would break the tests), this fetches or builds a second,
 * Electron-ABI copy of the addon into out/native/ once; the main process loads it through
 * better-sqlite3's `nativeBinding` option. Packaged apps do not need it: electron-builder rebuilds
 * node_modules for Electron when packaging. Needs network access the first time.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, copyFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const target = join(root, 'out', 'native', `electron-${electronVersion}-${process.platform}-${process.arch}`, 'better_sqlite3.node');

if (existsSync(target)) process.exit(0);

const work = mkdtempSync(join(tmpdir(), 'astra-sqlite-electron-'));
try {
  const pkg = join(work, 'better-sqlite3');
  cpSync(join(root, 'node_modules/better-sqlite3'), pkg, { recursive: true, filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`) });
  const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
  try {
    execFileSync(bin('prebuild-install'), ['--runtime', 'electron', '--target', electronVersion, '--arch', process.arch], { cwd: pkg, stdio: 'inherit' });
  } catch {
    console.warn('prepare-electron-sqlite: no prebuilt binary; building from source against Electron headers');
    execFileSync(bin('node-gyp'), ['rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'], { cwd: pkg, stdio: 'inherit' });
  }
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(pkg, 'build', 'Release', 'better_sqlite3.node'), target);
  console.log(`prepare-electron-sqlite: ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
