/**
 * electron/scripts/ensure-electron.mjs, the first step of `npm start`: with Electron's real
 * installer (a copy of node_modules/electron in a scratch project) against a mirror on loopback.
 * A mirror that serves a build → the binary is unpacked and path.txt written; a mirror that is
 * down or lacks the file → exit 1 with exactly one line saying what to do.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PYTHON, run } from '../../helpers/gdal';

const root = join(__dirname, '..', '..', '..');
const script = join(root, 'electron', 'scripts', 'ensure-electron.mjs');
const version = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version as string;
const zipName = `electron-v${version}-${process.platform}-${process.arch}.zip`;
const exe = process.platform === 'win32' ? 'electron.exe' : 'electron';

let work: string;
let app: string;
let mirror: Server;
let mirrorBase: string;
const served = new Map<string, Buffer>();

/** A scratch project whose node_modules/electron is a fresh copy of ours (no binary yet). */
function freshProject(): string {
  const dir = mkdtempSync(join(work, 'app-'));
  mkdirSync(join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch', private: true }));
  const electron = join(root, 'node_modules', 'electron');
  cpSync(electron, join(dir, 'node_modules', 'electron'), { recursive: true, filter: (src) => !/[\\/](dist|path\.txt|electron\.d\.ts)$/.test(src) });
  for (const scope of ['@electron', '@electron-internal']) symlinkSync(join(root, 'node_modules', scope), join(dir, 'node_modules', scope), 'junction');
  return dir;
}

/** Runs the script the way npm start does, with only the mirror settings given (no host mirror or proxy leaking in). */
async function ensure(cwd: string, mirrorUrl: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/electron|proxy/i.test(key)) env[key] = value;
  Object.assign(env, { ELECTRON_MIRROR: mirrorUrl, electron_use_remote_checksums: '1', electron_config_cache: join(cwd, 'cache'), ELECTRON_GET_NO_PROGRESS: '1' });
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script], { cwd, env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'astra-ensure-electron-'));
  // A stand-in Electron build, zipped as the release zips are: the executable and a version file.
  const build = join(work, 'build');
  mkdirSync(build);
  writeFileSync(join(build, exe), '#!/bin/sh\necho stand-in electron\n', { mode: 0o755 });
  writeFileSync(join(build, 'version'), `v${version}`);
  const zip = join(work, zipName);
  await run(PYTHON, ['-c', [
    'import sys, zipfile',
    'with zipfile.ZipFile(sys.argv[1], "w") as z:',
    '    for name, mode in ((sys.argv[3], 0o755), ("version", 0o644)):',
    '        info = zipfile.ZipInfo(name); info.external_attr = mode << 16',
    '        z.writestr(info, open(sys.argv[2] + "/" + name, "rb").read())',
  ].join('\n'), zip, build, exe]);
  const bytes = readFileSync(zip);
  served.set(`/v${version}/${zipName}`, bytes);
  served.set(`/v${version}/SHASUMS256.txt`, Buffer.from(`${createHash('sha256').update(bytes).digest('hex')} *${zipName}\n`));
  mirror = createServer((request, response) => {
    const body = served.get(request.url ?? '');
    response.writeHead(body ? 200 : 404, { 'content-length': body ? body.length : 0 });
    response.end(body);
  });
  await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
  mirrorBase = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => mirror?.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

beforeEach(() => {
  app = freshProject();
});

describe('ensure-electron (npm start, first step)', () => {
  it('downloads and unpacks the binary with Electron\'s installer, then has nothing to do', async () => {
    const first = await ensure(app, mirrorBase);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`downloading the Electron ${version.replace(/\./g, '\\.')} binary`));
    expect(readFileSync(join(app, 'node_modules/electron/path.txt'), 'utf8')).toBe(exe);
    expect(existsSync(join(app, 'node_modules/electron/dist', exe))).toBe(true);

    const again = await ensure(app, 'http://127.0.0.1:9/');
    expect(again).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('says in one line what to do when the download host cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const result = await ensure(app, `http://127.0.0.1:${port}/`);
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^ASTRA: could not download the Electron .* binary from 127\\.0\\.0\\.1:${port} \\(no connection: fetch failed\\)\\.`));
    expect(lines[0]).toContain('ELECTRON_MIRROR');
    expect(lines[0]).toContain('HTTPS_PROXY');
    expect(lines[0]).toContain('npm run serve');
    expect(existsSync(join(app, 'node_modules/electron/path.txt'))).toBe(false);
  });

  it('says in one line what the mirror answered when it lacks the build', async () => {
    const result = await ensure(app, `${mirrorBase}nothing-here/`);
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`(Response code 404 (Not Found) for ${mirrorBase}nothing-here/v${version}/${zipName}).`);
    expect(lines[0]).toContain('npm run serve');
  });
});
