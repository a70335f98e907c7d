// @ts-check
/**
 * What the Electron copy of better-sqlite3 in out/native/ was built for, and whether it can be
 * reused. The addon is reused only when a record written beside it names the same Electron
 * version, ABI (NODE_MODULE_VERSION), platform, architecture and better-sqlite3 version, and the
 * file does not load in this machine's plain Node — an addon that does was built against the
 * system's Node headers, which Electron cannot load.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const RECORD_FILE = 'built-for.json';
export const ADDON_FILE = 'better_sqlite3.node';

/**
 * @typedef {{ electron: string, abi: string, platform: string, arch: string, betterSqlite3: string }} SqliteTarget
 */

/**
 * What the project needs now: read from node_modules (electron's own abi_version file).
 * @param {string} root the project folder
 * @returns {SqliteTarget}
 */
export function wantedTarget(root, platform = process.platform, arch = process.arch) {
  const electronDir = join(root, 'node_modules', 'electron');
  return {
    electron: JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version,
    abi: readFileSync(join(electronDir, 'abi_version'), 'utf8').trim(),
    platform,
    arch,
    betterSqlite3: JSON.parse(readFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')).version,
  };
}

/** The folder the main process loads the addon from (electron/main/start-service.ts names the same). @param {string} root @param {SqliteTarget} target */
export function addonDir(root, target) {
  return join(root, 'out', 'native', `electron-${target.electron}-${target.platform}-${target.arch}`);
}

/** @param {string} dir @returns {Partial<SqliteTarget> | null} */
export function readRecord(dir) {
  try {
    const record = JSON.parse(readFileSync(join(dir, RECORD_FILE), 'utf8'));
    return typeof record === 'object' && record !== null ? record : null;
  } catch {
    return null;
  }
}

/**
 * Whether the addon loads in this Node (a child process, so a crash cannot take this one down).
 * @param {string} addonPath
 */
export function loadsInThisNode(addonPath) {
  const probe = spawnSync(process.execPath, ['-e', 'process.dlopen({ exports: {} }, process.argv[1])', addonPath], { encoding: 'utf8' });
  return probe.status === 0;
}

/**
 * Why the addon must be (re)built, or null when it can be reused. Pure.
 * @param {{ addonExists: boolean, record: Partial<SqliteTarget> | null, target: SqliteTarget, loadsInNode: boolean }} state
 */
export function rebuildReason({ addonExists, record, target, loadsInNode }) {
  if (!addonExists) return 'no Electron build yet';
  if (!record) return 'no record of what the existing build was made for';
  /** @type {(keyof SqliteTarget)[]} */
  const keys = ['electron', 'abi', 'platform', 'arch', 'betterSqlite3'];
  const changed = keys.filter((key) => record[key] !== target[key]);
  if (changed.length > 0) {
    return `the existing build is for ${describe(record)}, this project needs ${describe(target)}`;
  }
  if (loadsInNode) return `the existing build loads in Node ${process.version} (NODE_MODULE_VERSION ${process.versions.modules}), so it was built against the system's Node headers, not Electron's`;
  return null;
}

/** @param {Partial<SqliteTarget>} t */
function describe(t) {
  return `Electron ${t.electron ?? '?'} (ABI ${t.abi ?? '?'}, ${t.platform ?? '?'}-${t.arch ?? '?'}, better-sqlite3 ${t.betterSqlite3 ?? '?'})`;
}
