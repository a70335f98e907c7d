/**
 * The README's "Quick start for scripts", run as written: code blocks are read from README.md
 * itself, with only the data dir, the base URL and the key substituted. The BUILT service runs as
 * a child (`node out/main/serve.js`) against the fake catalogs, the key comes from the README's
 * `npm run -s astra` line, and the curl, Python (/usr/bin/python3 with Debian's python3-requests)
 * and JavaScript (node) examples run against it; then against a service whose catalogs are all
 * unreachable, where each prints the API's error message instead of a traceback.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneItemShifted, startFakeUpstream, type FakeUpstream } from '../../helpers/fake-upstream';
import type { Json } from '../../helpers/fake-upstream/fixture-files';
import { block, codeBlocks, readmeSection, REPO_ROOT } from '../../helpers/readme-snippets';
import { startServeChild, type ServeChild } from '../../helpers/serve-child';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const README_URL = 'http://127.0.0.1:8787';
const README_KEY = 'astra_sk_live_your_key_here';
const README_DATA_DIR = '~/astra-data';

const blocks = codeBlocks(readmeSection('Quick start for scripts'));
const keyLines = block(blocks, 'sh', 'keys create');
const curlExample = block(blocks, 'sh', 'api/v1/search');
const pythonExample = block(blocks, 'python', 'api/v1/search');
const jsExample = block(blocks, 'js');

let tmp: string;
let fake: FakeUpstream;

/** The environment without any ASTRA_* variable of the test runner, plus `extra`. */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('ASTRA_')));
  return { ...env, ...extra };
}

/** README's `KEY=$(npm run -s astra -- keys create …)` line, run by bash in the repository. */
async function createKeyAsReadmeSays(dataDir: string, env: NodeJS.ProcessEnv): Promise<{ key: string; stdout: string }> {
  const line = keyLines.split('\n').find((l) => l.startsWith('KEY=$('));
  if (!line) throw new Error('README: no KEY=$(…) line');
  const command = line.replace(/\s+#.*$/, '').replaceAll(README_DATA_DIR, dataDir);
  const { stdout } = await run('bash', ['-c', `set -e; ${command}; printf '%s' "$KEY"`], { cwd: REPO_ROOT, env });
  return { key: stdout, stdout };
}

function withService(code: string, url: string, key: string): string {
  return code.replaceAll(README_URL, url).replaceAll(README_KEY, key);
}

async function runExample(kind: 'curl' | 'python' | 'js', url: string, key: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmp, `${kind}-`));
  let command: [string, string[]];
  if (kind === 'curl') command = ['bash', ['-c', withService(curlExample, url, key)]];
  else if (kind === 'python') {
    writeFileSync(join(dir, 'search.py'), withService(pythonExample, url, key));
    command = [PYTHON, [join(dir, 'search.py')]];
  } else {
    writeFileSync(join(dir, 'search.mjs'), withService(jsExample, url, key));
    command = [process.execPath, [join(dir, 'search.mjs')]];
  }
  try {
    const { stdout, stderr } = await run(command[0], command[1], { env: { ...process.env, KEY: key }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** The README's search area and month, with acquisitions of real items moved into it. */
function intoReadmeArea(item: Json, day: number): Json {
  const days = Math.round((Date.parse(`2025-01-${String(day).padStart(2, '0')}T12:00:00Z`) - Date.parse(String((item.properties as Json).datetime))) / 86_400_000);
  const clone = cloneItemShifted(item, days);
  const [w, s, e, n] = [-122.4, 37.6, -122.1, 37.9];
  clone.geometry = { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
  clone.bbox = [w, s, e, n];
  clone.properties = { ...(clone.properties as Json), 'eo:cloud_cover': 5 };
  return clone;
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'astra-readme-'));
  fake = await startFakeUpstream();
  const tile = (pool: Json[]) => pool.filter((item) => String(item.id).includes('13TDE'));
  const es = tile(fake.items.earthSearch);
  const pc = tile(fake.items.planetaryComputer);
  fake.items.earthSearch.push(...es.map((item, i) => intoReadmeArea(item, 2 + i)));
  fake.items.planetaryComputer.push(...pc.map((item, i) => intoReadmeArea(item, 20 + i)));
});
afterAll(async () => {
  await fake?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('README quick start for scripts, as written', () => {
  let serve: ServeChild;
  let key: string;
  afterAll(async () => { await serve?.stop(); });

  it('creates a key with the README command (-s: the key alone on stdout) in the data dir the running service uses', async () => {
    const dataDir = join(tmp, 'astra-data');
    const env = cleanEnv({ ASTRA_EARTH_SEARCH_URL: fake.earthSearchUrl, ASTRA_LANDSATLOOK_URL: fake.landsatLookUrl, ASTRA_PLANETARY_COMPUTER_URL: fake.planetaryComputerUrl, ASTRA_PC_SAS_URL: fake.sasUrl });
    serve = await startServeChild(['--data-dir', dataDir], env);
    const created = await createKeyAsReadmeSays(dataDir, cleanEnv({}));
    expect(created.stdout).toMatch(/^astra_sk_live_[0-9A-Za-z]{32,}$/);
    key = created.key;
    const response = await fetch(`${serve.url}/api/v1/keys`, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(200);
    const listLine = keyLines.split('\n').find((l) => l.includes('keys list')) as string;
    const { stdout } = await run('bash', ['-c', listLine.replaceAll(README_DATA_DIR, dataDir)], { cwd: REPO_ROOT, env: cleanEnv({}) });
    expect(stdout).toMatch(/\tnotebook$/m);
  });

  it('runs the curl, Python and JavaScript examples: each finds the same scenes and an integer count', async () => {
    const direct = await fetch(`${serve.url}/api/v1/search?bbox=-122.5,37.5,-122.0,38.0&datetime=2025-01-01/2025-02-01&cloud_cover_lt=20&limit=5`, { headers: { authorization: `Bearer ${key}` } });
    const expected = (await direct.json()) as { context: { matched: number | null }; features: Array<{ id: string; properties: { datetime: string } }> };
    expect(expected.features).toHaveLength(5);
    expect(expected.features.some((f) => f.id.startsWith('planetary-computer:'))).toBe(true);
    expect(typeof expected.context.matched).toBe('number');
    expect(expected.context.matched).toBeGreaterThan(5);

    const curl = await runExample('curl', serve.url, key);
    expect(curl.code).toBe(0);
    expect((JSON.parse(curl.stdout) as typeof expected).features.map((f) => f.id)).toEqual(expected.features.map((f) => f.id));

    const lines = [`Found ${expected.context.matched} scenes`, ...expected.features.map((f) => ` ${f.id} — ${f.properties.datetime}`)];
    for (const kind of ['python', 'js'] as const) {
      const result = await runExample(kind, serve.url, key);
      expect(result.code, `${kind}: ${result.stderr}`).toBe(0);
      expect(result.stdout.trimEnd().split('\n'), kind).toEqual(lines);
    }
  });
});

describe('README examples when every catalog is unreachable', () => {
  let serve: ServeChild;
  let key: string;
  beforeAll(async () => {
    const dataDir = join(tmp, 'unreachable-data');
    const closed = 'http://127.0.0.1:9';
    serve = await startServeChild(['--data-dir', dataDir], cleanEnv({
      ASTRA_EARTH_SEARCH_URL: `${closed}/es`, ASTRA_LANDSATLOOK_URL: `${closed}/ll`, ASTRA_PLANETARY_COMPUTER_URL: `${closed}/pc`, ASTRA_PC_SAS_URL: `${closed}/sas`,
    }));
    key = (await createKeyAsReadmeSays(dataDir, cleanEnv({}))).key;
  });
  afterAll(async () => { await serve?.stop(); });

  it('each example prints the API\'s error message, not a traceback', async () => {
    const answer = await fetch(`${serve.url}/api/v1/search?bbox=-122.5,37.5,-122.0,38.0&limit=5`, { headers: { authorization: `Bearer ${key}` } });
    expect(answer.status).toBe(502);
    const { error } = (await answer.json()) as { error: { message: string } };
    expect(error.message).toMatch(/^No source could answer: /);

    const curl = await runExample('curl', serve.url, key);
    expect(curl.code).toBe(22);
    expect(curl.stdout).toContain(JSON.stringify(error.message).slice(1, -1));

    const python = await runExample('python', serve.url, key);
    expect(python.code).toBe(1);
    expect(python.stderr.trim()).toBe(`ASTRA error 502: ${error.message}`);

    const js = await runExample('js', serve.url, key);
    expect(js.stderr.trim()).toBe(`ASTRA error 502: ${error.message}`);
    expect(js.stdout).toBe('');
  });
});

describe('the default data dir', () => {
  it('is the same for `npm run astra` and the service: a key made without --data-dir works on it', async () => {
    const home = join(tmp, 'home');
    const env = cleanEnv({ HOME: home, XDG_CONFIG_HOME: join(home, '.config'), APPDATA: join(home, 'AppData') });
    const { stdout } = await run('bash', ['-c', 'npm run -s astra -- keys create --name default-dir'], { cwd: REPO_ROOT, env });
    const serve = await startServeChild([], cleanEnv({ ...env, ASTRA_EARTH_SEARCH_URL: 'http://127.0.0.1:9/es', ASTRA_LANDSATLOOK_URL: 'http://127.0.0.1:9/ll', ASTRA_PLANETARY_COMPUTER_URL: 'http://127.0.0.1:9/pc' }));
    try {
      const response = await fetch(`${serve.url}/api/v1/keys`, { headers: { authorization: `Bearer ${stdout.trim()}` } });
      expect(response.status).toBe(200);
      expect(stdout).toMatch(/^astra_sk_live_\w+\n$/);
    } finally {
      await serve.stop();
    }
  });
});
