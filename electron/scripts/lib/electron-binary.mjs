// @ts-check
/**
 * Whether Electron's binary is on this machine. Electron ≥ 42 downloads it on first use and
 * writes node_modules/electron/path.txt only then (electron-vite reads that file and throws
 * "Electron uninstall" without it). The rules follow node_modules/electron/install.js and
 * index.js: dist/version must name the package's version and path.txt the executable in dist/,
 * or ELECTRON_OVERRIDE_DIST_PATH names a folder that holds one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @param {string} platform */
export function executableName(platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** @param {string} file */
function readOrNull(file) {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

/**
 * @param {string} electronDir the electron package (node_modules/electron)
 * @param {NodeJS.ProcessEnv} [env]
 * @param {string} [platform]
 * @returns {{ version: string, path: string | null, why: string }} `path` is the executable, or null and `why` says what is missing
 */
export function electronBinaryState(electronDir, env = process.env, platform = process.platform) {
  const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
  const pathTxt = readOrNull(join(electronDir, 'path.txt'));
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = join(override, pathTxt || executableName(platform));
    return existsSync(candidate) ? { version, path: candidate, why: '' } : { version, path: null, why: `ELECTRON_OVERRIDE_DIST_PATH holds no Electron executable (${candidate})` };
  }
  if (!pathTxt) return { version, path: null, why: `node_modules/electron/path.txt is missing: the Electron ${version} binary has not been downloaded on this machine (Electron ≥ 42 downloads it on first use)` };
  const distVersion = readOrNull(join(electronDir, 'dist', 'version'));
  if (distVersion !== null && distVersion.replace(/^v/, '') !== version) return { version, path: null, why: `node_modules/electron/dist holds Electron ${distVersion}, the package is ${version}` };
  const binary = join(electronDir, 'dist', pathTxt);
  return existsSync(binary) ? { version, path: binary, why: '' } : { version, path: null, why: `the Electron executable named by path.txt is missing (${binary})` };
}

/**
 * The host Electron's installer downloads from: its mirror setting, as @electron/get reads it
 * (npm config, package.json config, then ELECTRON_MIRROR), else GitHub's releases.
 * @param {NodeJS.ProcessEnv} env
 */
export function downloadHost(env) {
  const mirror = env.npm_config_electron_mirror || env.NPM_CONFIG_ELECTRON_MIRROR || env.npm_package_config_electron_mirror || env.ELECTRON_MIRROR;
  if (!mirror) return 'github.com';
  try {
    return new URL(mirror).host;
  } catch {
    return mirror;
  }
}

/**
 * The one line printed when Electron's installer could not fetch the binary: what failed and
 * what to do.
 * @param {{ version: string, host: string, reason: string }} failure
 */
export function downloadFailureLine({ version, host, reason }) {
  return `ASTRA: could not download the Electron ${version} binary from ${host} (${reason}). `
    + 'Set ELECTRON_MIRROR to a reachable Electron mirror, or behind a proxy set ELECTRON_GET_USE_PROXY=1 and HTTPS_PROXY, then run npm start again; '
    + '`npm run serve` runs the same app headless in your browser without Electron.';
}
