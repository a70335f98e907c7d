/**
 * sqlite-build-record.mjs: the Electron copy of better-sqlite3 is reused only when it was built
 * for this Electron version and ABI — and never when it is really a build for the system's Node
 * (checked with the real Node-ABI addon that npm ci built in node_modules).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADDON_FILE, RECORD_FILE, addonDir, loadsInThisNode, readRecord, rebuildReason, wantedTarget, type SqliteTarget } from '../../../electron/scripts/lib/sqlite-build-record.mjs';

const root = join(__dirname, '..', '..', '..');
const target: SqliteTarget = { electron: '42.11.18', abi: '146', platform: 'linux', arch: 'x64', betterSqlite3: '12.11.1' };
const work = mkdtempSync(join(tmpdir(), 'astra-sqlite-record-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('wantedTarget', () => {
  it('reads the Electron version and ABI from the electron package and the addon version from better-sqlite3', () => {
    const wanted = wantedTarget(root, 'linux', 'x64');
    expect(wanted.electron).toBe(JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version);
    expect(wanted.abi).toMatch(/^\d+$/);
    expect(wanted.abi).not.toBe(process.versions.modules);
    expect(wanted.betterSqlite3).toBe(JSON.parse(readFileSync(join(root, 'node_modules/better-sqlite3/package.json'), 'utf8')).version);
    expect(addonDir(root, wanted)).toBe(join(root, 'out', 'native', `electron-${wanted.electron}-linux-x64`));
  });
});

describe('rebuildReason', () => {
  it('reuses a build whose record matches and that plain Node cannot load', () => {
    expect(rebuildReason({ addonExists: true, record: { ...target }, target, loadsInNode: false })).toBeNull();
  });

  it('builds when there is no addon or no record', () => {
    expect(rebuildReason({ addonExists: false, record: null, target, loadsInNode: false })).toBe('no Electron build yet');
    expect(rebuildReason({ addonExists: true, record: null, target, loadsInNode: false })).toMatch(/no record/);
  });

  it('rebuilds when the Electron version, ABI, platform, arch or better-sqlite3 changed', () => {
    for (const change of [{ electron: '41.2.0' }, { abi: '145' }, { platform: 'darwin' }, { arch: 'arm64' }, { betterSqlite3: '12.10.0' }]) {
      const reason = rebuildReason({ addonExists: true, record: { ...target, ...change }, target, loadsInNode: false });
      expect(reason, JSON.stringify(change)).toMatch(/^the existing build is for Electron .* this project needs Electron 42\.11\.18 \(ABI 146, linux-x64, better-sqlite3 12\.11\.1\)$/);
    }
  });

  it('rebuilds a file built against the system Node headers even when its record claims Electron', () => {
    expect(rebuildReason({ addonExists: true, record: { ...target }, target, loadsInNode: true })).toMatch(/loads in Node v\d+.*NODE_MODULE_VERSION \d+.*system's Node headers/);
  });
});

describe('the stale-build check on real files', () => {
  it('detects that the addon npm ci built is a Node build, and reads the record written beside it', () => {
    const dir = join(work, 'electron-42.11.18-linux-x64');
    mkdirSync(dir, { recursive: true });
    // The addon in node_modules was built by npm ci for this Node: exactly what must never be reused for Electron.
    copyFileSync(join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), join(dir, ADDON_FILE));
    writeFileSync(join(dir, RECORD_FILE), JSON.stringify(target));
    const record = readRecord(dir);
    expect(record).toEqual(target);
    const loads = loadsInThisNode(join(dir, ADDON_FILE));
    expect(loads).toBe(true);
    expect(rebuildReason({ addonExists: true, record, target, loadsInNode: loads })).toMatch(/system's Node headers/);
  });

  it('does not mistake a file that is no addon for a Node build, and reads a broken record as none', () => {
    const dir = join(work, 'broken');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, ADDON_FILE), 'not an ELF file');
    writeFileSync(join(dir, RECORD_FILE), '{ not json');
    expect(loadsInThisNode(join(dir, ADDON_FILE))).toBe(false);
    expect(readRecord(dir)).toBeNull();
  });
});
