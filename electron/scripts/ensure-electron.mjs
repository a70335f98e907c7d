#!/usr/bin/env node
// @ts-check
/**
 * First step of `npm start` / `npm run dev`: makes sure Electron's binary is on this machine,
 * downloading it with Electron's own installer (node_modules/electron/install.js) when it is not.
 * When that fails (no network, a proxy, a mirror that does not answer) it prints ONE line saying
 * what to do and exits 1, instead of electron-vite's "Electron uninstall" stack trace. Works on
 * the project in the current directory.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { downloadFailureLine, downloadHost, electronBinaryState } from './lib/electron-binary.mjs';
import { shortReason } from './lib/failure-reason.mjs';

let electronDir;
try {
  electronDir = dirname(createRequire(join(process.cwd(), 'package.json')).resolve('electron/package.json'));
} catch {
  console.error('ASTRA: the electron package is not installed here; run `npm ci` (with dev dependencies) first, or `npm run serve` for the headless service.');
  process.exit(1);
}

const before = electronBinaryState(electronDir);
if (before.path) process.exit(0);

console.log(`ASTRA: downloading the Electron ${before.version} binary (once per machine, about 100 MB)…`);
const installer = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const after = electronBinaryState(electronDir);
if (installer.status === 0 && after.path) process.exit(0);

const output = `${installer.stdout ?? ''}\n${installer.stderr ?? ''}\n${installer.error?.message ?? ''}`;
const reason = installer.status === 0 ? after.why : shortReason(output, `the installer exited with code ${installer.status}`);
console.error(downloadFailureLine({ version: before.version, host: downloadHost(process.env), reason }));
process.exit(1);
