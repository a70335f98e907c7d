/**
 * The request log (`ASTRA_LOG=1`) never holds a key: the built headless server runs as a child
 * process, is called with keys in the URL (the renderer's `?key=`) and in the Authorization
 * header, and its whole output is searched for them. Nor a remote openEO back-end's password or
 * tokens: it is also signed in to a fake back-end (a wrong password, then the right one).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDACTED, redactUrl } from '../../../electron/service/http/log-redaction';
import { FAKE_OPENEO_USER, startFakeOpenEo, type FakeOpenEo } from '../../helpers/fake-openeo';
import { rawRequest } from './raw-request';

const root = join(__dirname, '..', '..', '..');
const serveJs = join(root, 'out/main/serve.js');
const cliJs = join(root, 'out/main/cli.js');

let dataDir: string;
let child: ChildProcess;
let port: number;
let key: string;
let output = '';
let openEo: FakeOpenEo;

beforeAll(async () => {
  openEo = await startFakeOpenEo();
  if (!existsSync(serveJs)) throw new Error('out/main/serve.js is missing: run `npm run build` before the tests');
  dataDir = mkdtempSync(join(tmpdir(), 'astra-log-'));
  key = execFileSync(process.execPath, [cliJs, 'keys', 'create', '--name', 'logged', '--data-dir', dataDir], { encoding: 'utf8' }).trim();
  child = spawn(process.execPath, [serveJs, '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ASTRA_LOG: '1' } });
  child.stderr!.on('data', (chunk) => { output += chunk; });
  port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /^listening on http:\/\/127\.0\.0\.1:(\d+)$/m.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
  });
});

afterAll(async () => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  await openEo?.close();
});

const WRONG_PASSWORD = 'wrong-password-8f3k2';

/** Configures the fake openEO back-end and signs in to it, wrong then right; answers the statuses. */
async function signInToOpenEo(authorization: Record<string, string>): Promise<number[]> {
  const json = { ...authorization, 'content-type': 'application/json' };
  const steps = [
    { method: 'PUT', target: '/api/v1/settings', headers: json, body: JSON.stringify({ openeo_backends: [{ id: 'fake', url: openEo.url, auth: 'basic', username: FAKE_OPENEO_USER[0] }] }) },
    { method: 'POST', target: '/api/v1/settings/openeo-backends/fake/sign-in', headers: json, body: JSON.stringify({ password: WRONG_PASSWORD }) },
    { method: 'POST', target: '/api/v1/settings/openeo-backends/fake/sign-in', headers: json, body: JSON.stringify({ password: FAKE_OPENEO_USER[1] }) },
    // A job for the back-end: checked there with the token it gave.
    { method: 'POST', target: '/api/v1/jobs', headers: json, body: JSON.stringify({ type: 'composite', aoi: [3, 51.4, 3.02, 51.41], datetime: '2024-06-01/2024-08-31', sources: ['sentinel-2'], index: 'ndvi', reducer: 'median', on: 'fake' }) },
  ];
  const statuses: number[] = [];
  for (const step of steps) statuses.push((await rawRequest(port, step)).status);
  return statuses;
}

describe('request log redaction', () => {
  it('logs every request but never the key, from the URL or the Authorization header', async () => {
    const authorization = { authorization: `Bearer ${key}` };
    const requests = [
      { method: 'GET', target: `/?key=${key}` },
      { method: 'GET', target: `/index.html?lang=en&key=${key}&x=1` },
      { method: 'GET', target: `/?%6Bey=${key}` },
      { method: 'GET', target: `/api/v1/sources?KEY=${key}`, headers: authorization },
      { method: 'GET', target: '/api/v1/keys', headers: authorization },
      { method: 'GET', target: `http://127.0.0.1:${port}/api/v1/health?key=${key}` },
      { method: 'GET', target: `/api/v1/scenes/${key}`, headers: authorization },
      { method: 'GET', target: `/api/v1/keys?api_key=${encodeURIComponent(key)}` },
    ];
    const statuses: number[] = [];
    for (const request of requests) statuses.push((await rawRequest(port, request)).status);
    expect(statuses.slice(3, 6)).toEqual([200, 200, 200]);
    expect(await signInToOpenEo(authorization)).toEqual([200, 400, 200, 202]);

    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;

    const lines = output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg?: string; req?: { url?: string } });
    const logged = lines.filter((line) => line.msg === 'incoming request').map((line) => line.req?.url ?? '');
    // Every request was logged, with its redacted URL.
    expect(logged).toHaveLength(requests.length + 4);
    expect(logged).toContain(`/?key=${REDACTED}`);
    expect(logged).toContain(`/index.html?lang=en&key=${REDACTED}&x=1`);
    expect(logged).toContain(`/api/v1/scenes/${REDACTED}`);
    // …and the key, or its random part, appears nowhere in the output.
    expect(output).not.toContain(key);
    expect(output).not.toContain(key.slice('astra_sk_live_'.length));
    // Nor the back-end's password (right or wrong) or the token it gave.
    const tokens = openEo.requests.map((request) => request.headers.authorization ?? '').filter((value) => value.startsWith('Bearer ')).map((value) => value.split('/').pop()!);
    expect(tokens.length).toBeGreaterThan(0);
    for (const secret of [FAKE_OPENEO_USER[1], WRONG_PASSWORD, ...tokens]) expect(output).not.toContain(secret);
  });
});

describe('redactUrl', () => {
  it('replaces credential query values and key-shaped text, leaving the rest as sent', () => {
    expect(redactUrl('/api/v1/search?bbox=1,2,3,4&limit=5')).toBe('/api/v1/search?bbox=1,2,3,4&limit=5');
    expect(redactUrl('/?key=abc')).toBe(`/?key=${REDACTED}`);
    expect(redactUrl('/?Access_Token=abc&a=b')).toBe(`/?Access_Token=${REDACTED}&a=b`);
    expect(redactUrl('/?%6bey=abc')).toBe(`/?%6bey=${REDACTED}`);
    expect(redactUrl('/?key')).toBe('/?key');
    expect(redactUrl('/?cursor=astra_sk_live_ABCdef123')).toBe(`/?cursor=${REDACTED}`);
    expect(redactUrl('/x/astra_sk_live_ABC')).toBe(`/x/${REDACTED}`);
  });
});
