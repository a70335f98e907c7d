/**
 * Runs the BUILT entries (`npm run build` first): the headless server as a child process and the
 * CLI against the same data dir, the way an analyst uses them.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..');
const serveJs = join(root, 'out/main/serve.js');
const cliJs = join(root, 'out/main/cli.js');

let dataDir: string;
let child: ChildProcess;
let base: string;

beforeAll(async () => {
  if (!existsSync(serveJs)) throw new Error('out/main/serve.js is missing: run `npm run build` before the tests');
  dataDir = mkdtempSync(join(tmpdir(), 'astra-cli-'));
  child = spawn(process.execPath, [serveJs, '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  base = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
  });
});

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function cli(...args: string[]): string {
  return execFileSync(process.execPath, [cliJs, ...args, '--data-dir', dataDir], { encoding: 'utf8' });
}

describe('npm run serve + npm run astra', () => {
  it('a key created by the CLI (printed alone) works against the running service', async () => {
    const stdout = cli('keys', 'create', '--name', 'script');
    expect(stdout).toMatch(/^astra_sk_live_[0-9A-Za-z]{32,}\n$/);
    const key = stdout.trim();
    const response = await fetch(`${base}/api/v1/keys`, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as { keys: Array<{ id: string; name: string }> };
    expect(keys.map((k) => k.name)).toContain('script');

    const listed = cli('keys', 'list');
    expect(listed).toContain('script');
    // Command-line keys are admin keys: every scope.
    expect(listed).toMatch(/\tread,process,admin\t.*\tscript$/m);
    expect(listed).not.toContain(key);

    const id = keys.find((k) => k.name === 'script')!.id;
    cli('keys', 'revoke', id);
    expect((await fetch(`${base}/api/v1/keys`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
  });

  it('rejects unknown CLI usage with exit code 2', () => {
    expect(() => execFileSync(process.execPath, [cliJs, 'keys', 'explode', '--data-dir', dataDir], { stdio: 'pipe' })).toThrow();
  });

  it('shuts down cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
