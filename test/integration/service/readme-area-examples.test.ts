/**
 * The README's area-analysis examples ("Quick start for scripts" → "Area analysis"), run as
 * written: the curl (bash) and Python (/usr/bin/python3 with Debian's python3-requests) blocks are
 * read from README.md, only the base URL and the key substituted, and run against a real service
 * on loopback whose catalogs serve the area kit (test/helpers/area-scenes: the README's area at
 * 6°E 47°N and its summer 2024 are the kit's). Each example must make one composite and one time
 * series job, both succeeded, and leave composite.tif and ndvi.csv byte for byte the results the
 * service holds for them; the Python example prints the result's grid and one line per entry of
 * result.json. With every catalog unreachable, each example shows the API's error and writes no file.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../electron/service/jobs/types';
import { startAreaRig, type AreaRig } from '../../helpers/area-scenes/area-rig';
import { block, codeBlocks, readmeSection } from '../../helpers/readme-snippets';
import type { TestService } from '../../helpers/test-service';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const README_URL = 'http://127.0.0.1:8787';
const README_KEY = 'astra_sk_live_your_key_here';

const blocks = codeBlocks(readmeSection('Quick start for scripts'));
const curlExample = block(blocks, 'sh', '"type": "composite"');
const pythonExample = block(blocks, 'python', '"type": "composite"');

/** What the README's bodies ask for, as the service's canonical request records it. */
const SUMMER = { datetime: '2024-06-01/2024-08-31', sources: ['sentinel-2', 'landsat'], harmonize: 'hls' };
const COMPOSITE = { type: 'composite', aoi: [5.96, 46.99, 6.03, 47.01], ...SUMMER, cloud_cover_lt: 50, bands: ['red', 'green', 'blue'], reducer: 'median', valid_count: true };
const SERIES = { type: 'timeseries', aoi: [5.99, 46.995, 6.005, 47.005], ...SUMMER, index: 'ndvi' };

interface Ran { code: number; stdout: string; stderr: string; dir: string }
type ErrorBody = { error: { code: string; message: string } };

let rig: AreaRig;
beforeAll(async () => {
  rig = await startAreaRig();
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

async function runExample(kind: 'curl' | 'python', svc: TestService): Promise<Ran> {
  const dir = mkdtempSync(join(rig.work, `readme-${kind}-`));
  const code = (kind === 'curl' ? curlExample : pythonExample).replaceAll(README_URL, svc.url).replaceAll(README_KEY, svc.key);
  const script = join(dir, kind === 'curl' ? 'area.sh' : 'area.py');
  writeFileSync(script, code);
  try {
    const { stdout, stderr } = await run(kind === 'curl' ? 'bash' : PYTHON, [script], { cwd: dir, env: { ...process.env, KEY: svc.key }, timeout: 240_000 });
    return { code: 0, stdout, stderr, dir };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '', dir };
  }
}

async function jobIds(svc: TestService): Promise<Set<string>> {
  const { jobs } = (await (await svc.api('/api/v1/jobs?limit=500')).json()) as { jobs: Job[] };
  return new Set(jobs.map((job) => job.id));
}

async function bytesOf(svc: TestService, href: string): Promise<Buffer> {
  const response = await svc.api(href);
  expect(response.status, href).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** Runs one example; returns its output and the composite and time-series jobs it made. */
async function runAndFindJobs(kind: 'curl' | 'python'): Promise<{ ran: Ran; composite: Job; series: Job }> {
  const before = await jobIds(rig.svc);
  const ran = await runExample(kind, rig.svc);
  expect(ran.code, `${kind}: ${ran.stderr}\n${ran.stdout}`).toBe(0);
  const made = [...await jobIds(rig.svc)].filter((id) => !before.has(id));
  const jobs = await Promise.all(made.map(async (id) => (await (await rig.svc.api(`/api/v1/jobs/${id}`)).json()) as Job));
  expect(jobs.map((job) => [job.type, job.status]).sort()).toEqual([['composite', 'succeeded'], ['timeseries', 'succeeded']]);
  const composite = jobs.find((job) => job.type === 'composite')!;
  const series = jobs.find((job) => job.type === 'timeseries')!;
  expect((composite.params as { request: unknown }).request).toMatchObject(COMPOSITE);
  expect((series.params as { request: unknown }).request).toMatchObject(SERIES);
  // The files the example saved are the results the service holds.
  expect(readFileSync(join(ran.dir, 'composite.tif')).equals(await bytesOf(rig.svc, String(composite.result?.href)))).toBe(true);
  expect(readFileSync(join(ran.dir, 'ndvi.csv'), 'utf8')).toBe((await bytesOf(rig.svc, String(series.result?.csv))).toString('utf8'));
  return { ran, composite, series };
}

describe('README area analysis examples, as written', () => {
  it('curl: a composite and a time series, polled to success, saved as composite.tif and ndvi.csv', async () => {
    const { ran, composite, series } = await runAndFindJobs('curl');
    const lines = ran.stdout.trimEnd().split('\n');
    expect(lines).toContain(`${composite.id}: succeeded`);
    expect(lines).toContain(`${series.id}: succeeded`);
    expect(lines.filter((line) => line.startsWith('{"id":"job_') && line.includes('"status":"queued"'))).toHaveLength(2);
    // A true-colour composite with its valid-count band, over both UTM zones' tiles and Landsat.
    expect(composite.result).toMatchObject({ crs: 'EPSG:32631', bands: ['red', 'green', 'blue', 'valid_count'] });
    const scenes = composite.result?.scenes as string[];
    expect(scenes.some((id) => id.startsWith('landsat:')) && scenes.some((id) => id.includes('32TLT')) && scenes.some((id) => id.includes('31TGN'))).toBe(true);
  }, 300_000);

  it('Python: the same jobs, the phases polled, the grid printed and one line per time-series entry', async () => {
    const { ran, composite, series } = await runAndFindJobs('python');
    const r = composite.result as { width: number; height: number; crs: string; bands: string[]; scenes: string[]; observations: number };
    const lines = ran.stdout.trimEnd().split('\n');
    expect(lines).toContain(`composite: ${r.width} x ${r.height} px in ${r.crs}, bands ${r.bands.join(', ')}; ${r.scenes.length} scenes, ${r.observations} observations`);
    // The last poll of each job sees it finished: its phase is writing, done.
    expect(lines).toContain('  composite: writing 1/1');
    expect(lines).toContain('  timeseries: writing 1/1');

    const { entries } = JSON.parse((await bytesOf(rig.svc, String(series.result?.href))).toString('utf8')) as {
      entries: Array<{ datetime: string; platform: string; variable: string; mean: number | null; p10: number | null; p90: number | null; valid_pixels: number }>;
    };
    expect(entries.some((e) => e.platform === 'landsat-9')).toBe(true);
    const printed = lines.filter((line) => /^\d{4}-\d\d-\d\d /.test(line));
    expect(printed).toHaveLength(entries.length);
    entries.forEach((entry, i) => {
      const prefix = `${entry.datetime.slice(0, 10)} ${entry.platform}: ndvi `;
      expect(printed[i].startsWith(prefix), printed[i]).toBe(true);
      expect(printed[i].endsWith(`(${entry.valid_pixels} clear pixels)`), printed[i]).toBe(true);
      if (entry.mean === null) return expect(printed[i]).toContain('no clear pixel');
      const [mean, p10, p90] = (/mean (-?[\d.]+), p10 (-?[\d.]+), p90 (-?[\d.]+)/.exec(printed[i]) ?? []).slice(1).map(Number);
      expect(Math.abs(mean - entry.mean), printed[i]).toBeLessThanOrEqual(5e-4);
      expect(Math.abs(p10 - entry.p10!), printed[i]).toBeLessThanOrEqual(5e-4);
      expect(Math.abs(p90 - entry.p90!), printed[i]).toBeLessThanOrEqual(5e-4);
    });
  }, 300_000);
});

describe('README area analysis examples when every catalog is unreachable', () => {
  it('each shows the API\'s error message and saves no file', async () => {
    const closed = 'http://127.0.0.1:9';
    const svc = await rig.startService({ earthSearchUrl: `${closed}/es`, landsatLookUrl: `${closed}/ll`, planetaryComputerUrl: `${closed}/pc`, pcSasUrl: `${closed}/sas` });
    const answer = await svc.api('/api/v1/jobs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(COMPOSITE) });
    expect(answer.status).toBe(502);
    const { error } = (await answer.json()) as ErrorBody;

    const python = await runExample('python', svc);
    expect(python.code).toBe(1);
    expect(python.stderr.trim()).toBe(`ASTRA error 502: ${error.message}`);

    const curl = await runExample('curl', svc);
    expect(curl.code).not.toBe(0);
    expect(curl.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as ErrorBody).error.message)).toEqual([error.message, error.message]);
    for (const ran of [python, curl]) {
      expect(existsSync(join(ran.dir, 'composite.tif'))).toBe(false);
      expect(existsSync(join(ran.dir, 'ndvi.csv'))).toBe(false);
    }
    expect((await jobIds(svc)).size).toBe(0);
  }, 120_000);
});
