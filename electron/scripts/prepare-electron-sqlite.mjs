#!/usr/bin/env node
// @ts-check
/**
 * `npm start` runs the service inside Electron, whose Node ABI differs from the system Node that
 * `npm ci` built better-sqlite3 for (the tests and `npm run serve` need that Node build). Rather
 * than rebuilding node_modules in place (which would break the tests), this fetches or builds a
 * second, Electron-ABI copy of the addon into out/native/, records what it was built for
 * (built-for.json: Electron version, ABI, platform, arch, better-sqlite3 version) and rebuilds
 * whenever that no longer matches or the file turns out to be a build for the system's Node
 * (lib/sqlite-build-record.mjs). The main process loads it through better-sqlite3's
 * `nativeBinding` option. Packaged apps do not need it: electron-builder rebuilds node_modules
 * for Electron when packaging. Needs network access the first time; on failure prints one line.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shortReason } from './lib/failure-reason.mjs';
import { ADDON_FILE, RECORD_FILE, addonDir, loadsInThisNode, readRecord, rebuildReason, wantedTarget } from './lib/sqlite-build-record.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = wantedTarget(root);
const dir = addonDir(root, target);
const addon = join(dir, ADDON_FILE);
const addonExists = existsSync(addon);
const reason = rebuildReason({ addonExists, record: readRecord(dir), target, loadsInNode: addonExists && loadsInThisNode(addon) });
if (!reason) process.exit(0);

const wanted = `Electron ${target.electron} (ABI ${target.abi})`;
console.log(`ASTRA: preparing better-sqlite3 ${target.betterSqlite3} for ${wanted}: ${reason}…`);
rmSync(dir, { recursive: true, force: true });

class PrepareFailed extends Error {}

const work = mkdtempSync(join(tmpdir(), 'astra-sqlite-electron-'));
try {
  const pkg = join(work, 'better-sqlite3');
  const ownBuild = `${sep}better-sqlite3${sep}build`;
  cpSync(join(root, 'node_modules', 'better-sqlite3'), pkg, { recursive: true, filter: (src) => !src.includes(ownBuild) });
  /** @param {string} name */
  const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
  /** @param {string} command @param {string[]} args */
  const run = (command, args) => spawnSync(command, args, { cwd: pkg, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });

  let method = 'prebuild-install';
  let result = run(bin('prebuild-install'), ['--runtime', 'electron', '--target', target.electron, '--arch', target.arch]);
  if (result.status !== 0) {
    console.log('ASTRA: no prebuilt binary could be fetched; building from source against Electron\'s headers (a few minutes)…');
    method = 'node-gyp';
    const noPrebuilt = shortReason(`${result.stdout}\n${result.stderr}`, `prebuild-install exited with code ${result.status}`);
    result = run(bin('node-gyp'), ['rebuild', '--release', `--target=${target.electron}`, `--arch=${target.arch}`, '--dist-url=https://electronjs.org/headers']);
    if (result.status !== 0) {
      const noSource = shortReason(`${result.stdout}\n${result.stderr}`, `node-gyp exited with code ${result.status}`);
      throw new PrepareFailed(`prebuilt binary: ${noPrebuilt}; build from source: ${noSource}`);
    }
  }
  const built = join(pkg, 'build', 'Release', ADDON_FILE);
  if (!existsSync(built)) throw new PrepareFailed(`${method} reported success but wrote no ${ADDON_FILE}`);
  // An addon this Node can load was built for Node, not Electron: never keep it.
  if (loadsInThisNode(built)) throw new PrepareFailed(`${method} produced a build for Node ${process.version}, not for Electron`);
  mkdirSync(dir, { recursive: true });
  copyFileSync(built, addon);
  writeFileSync(join(dir, RECORD_FILE), `${JSON.stringify({ ...target, method }, null, 2)}\n`);
  console.log(`ASTRA: ${addon} (${method})`);
} catch (error) {
  if (!(error instanceof PrepareFailed)) throw error;
  console.error(`ASTRA: could not prepare better-sqlite3 for ${wanted} (${error.message}). `
    + 'This needs network access once (a prebuilt binary from GitHub, or Electron\'s headers and a C++ toolchain; behind a proxy set HTTPS_PROXY); '
    + '`npm run serve` runs the same app headless in your browser without it.');
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
