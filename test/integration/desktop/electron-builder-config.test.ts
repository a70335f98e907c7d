/**
 * electron-builder.yml, read and validated by electron-builder's own code (app-builder-lib's
 * getConfig and its JSON schema), names icons that exist, the fuses the lockdown needs, and the
 * window icon at the path electron/main/app-icon.ts loads it from.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';
import { WINDOW_ICON_PACKAGED, WINDOW_ICON_SOURCE, windowIconPath } from '../../../electron/main/app-icon';

const root = join(__dirname, '..', '..', '..');
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(root, null, null);
});

function isFile(relative: unknown): boolean {
  return typeof relative === 'string' && existsSync(join(root, relative)) && statSync(join(root, relative)).isFile();
}

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s own validation, which does refuse a misspelt option', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const misspelt = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } } as Configuration;
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/configuration\.electronFuses/);
  });

  it('flips the fuses: no run-as-node, NODE_OPTIONS or inspect; encrypted cookies; asar integrity, asar only; no file:// privileges', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('names an existing icon for every platform and installer, so none falls back to Electron\'s', () => {
    expect(config.directories?.buildResources).toBe('resources');
    for (const [where, icon] of Object.entries({ 'mac.icon': config.mac?.icon, 'dmg.icon': config.dmg?.icon })) {
      expect(icon, where).toBe('resources/icon.icns');
      expect(isFile(icon), where).toBe(true);
    }
    for (const [where, icon] of Object.entries({ 'win.icon': config.win?.icon, 'nsis.installerIcon': config.nsis?.installerIcon, 'nsis.uninstallerIcon': config.nsis?.uninstallerIcon })) {
      expect(icon, where).toBe('resources/icon.ico');
      expect(isFile(icon), where).toBe(true);
    }
    // Linux: a folder of PNGs whose names carry their size, up to at least 512 px.
    const linuxIcons = join(root, String(config.linux?.icon));
    const names = readdirSync(linuxIcons);
    expect(names.every((name) => /^\d+x\d+\.png$/.test(name))).toBe(true);
    expect(names).toEqual(expect.arrayContaining(['16x16.png', '32x32.png', '48x48.png', '256x256.png', '512x512.png']));
  });

  it('copies the window icon next to app.asar, where the main process looks for it when packaged', () => {
    expect(config.extraResources).toEqual([{ from: WINDOW_ICON_SOURCE, to: WINDOW_ICON_PACKAGED }]);
    expect(isFile(WINDOW_ICON_SOURCE)).toBe(true);
    expect(windowIconPath({ isPackaged: true, resourcesPath: '/opt/ASTRA Desktop/resources', appRoot: '/x' })).toBe(join('/opt/ASTRA Desktop/resources', WINDOW_ICON_PACKAGED));
    expect(windowIconPath({ isPackaged: false, resourcesPath: '/unused', appRoot: root })).toBe(join(root, WINDOW_ICON_SOURCE));
  });

  it('packs the built app only: no dev-only Electron addon, no source maps, not the icon sources', () => {
    // getConfig normalizes `files` to file sets.
    const files = (config.files as { filter: string[] }[]).flatMap((set) => set.filter);
    expect(files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', '!out/native/**', '!**/*.map']));
    expect(files.some((pattern) => pattern.startsWith('resources'))).toBe(false);
  });

  it('unpacks the EPSG index the worker threads read per code, and leaves out its unused all-codes file', () => {
    const files = (config.files as { filter: string[] }[]).flatMap((set) => set.filter);
    expect(files).toContain('!node_modules/epsg-index/all.json');
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['out/main/raster-task.js', 'node_modules/epsg-index/s/**']));
    expect(isFile('node_modules/epsg-index/s/3035.json')).toBe(true);
  });
});
