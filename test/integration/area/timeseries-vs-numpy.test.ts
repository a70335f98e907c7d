/**
 * Time series (spec-15 `type: "timeseries"`) against the numpy reference: one entry per
 * observation (platform + solar day; the two tiles of a pass count once), statistics over the
 * area's valid pixels within 1e-4, valid_pixels exact, cloud_fraction = cloud-masked / (valid +
 * cloud-masked); result.json and result.csv say the same. At a point (a pixel centre of its own
 * grid, README.md), the job reads at most the one COG block per band per scene that holds it:
 * every upstream byte range of a file lies in its header or in that block (at the byte cache's
 * block granularity), and bands the index does not need are not read at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCK_SIZE } from '../../../electron/service/cache/block-math';
import { startAreaRig, type AreaRig, type TimeseriesRun } from '../../helpers/area-scenes/area-rig';
import { STATISTIC_TOLERANCE } from '../../helpers/area-scenes/expect-area';
import { referenceTimeseries, type TimeseriesEntry } from '../../helpers/area-scenes/reference';

let rig: AreaRig;
beforeAll(async () => {
  rig = await startAreaRig();
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

const SUMMER = '2024-06-01/2024-08-31';
const STATS = ['mean', 'median', 'std', 'min', 'max', 'p10', 'p90'] as const;
const CSV_COLUMNS = 'datetime,source,platform,variable,mean,median,std,min,max,p10,p90,valid_pixels,cloud_fraction,scenes';

/** Whether bytes [start, end) lie within [0, header) ∪ [block[0], block[1]). */
function within(start: number, end: number, header: number, [b0, b1]: [number, number]): boolean {
  if (b0 <= header) return end <= Math.max(header, b1);
  return end <= header || (start >= b0 && end <= b1);
}

function expectEntriesMatch(ours: TimeseriesEntry[], expected: TimeseriesEntry[]): void {
  expect(ours.map((e) => [e.platform, e.variable])).toEqual(expected.map((e) => [e.platform, e.variable]));
  ours.forEach((entry, i) => {
    const ref = expected[i];
    const what = `entry ${i}: ${JSON.stringify(entry)} vs ${JSON.stringify(ref)}`;
    expect(Date.parse(entry.datetime), what).toBe(Date.parse(ref.datetime));
    expect([entry.source, [...entry.scenes].sort()], what).toEqual([ref.source, [...ref.scenes].sort()]);
    expect(entry.valid_pixels, what).toBe(ref.valid_pixels);
    if (ref.cloud_fraction === null) expect(entry.cloud_fraction, what).toBeNull();
    else expect(Math.abs((entry.cloud_fraction as number) - ref.cloud_fraction), what).toBeLessThanOrEqual(1e-9);
    for (const stat of STATS) {
      if (ref[stat] === null) expect(entry[stat], `${stat} ${what}`).toBeNull();
      else expect(Math.abs((entry[stat] as number) - (ref[stat] as number)), `${stat} ${what}`).toBeLessThanOrEqual(STATISTIC_TOLERANCE);
    }
  });
}

function expectCsvMatchesJson({ csv, json }: TimeseriesRun): void {
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toBe(CSV_COLUMNS);
  expect(lines).toHaveLength(json.entries.length + 1);
  lines.slice(1).forEach((line, i) => {
    const cells = line.split(',');
    const entry = json.entries[i];
    expect(cells).toHaveLength(14);
    expect(cells.slice(0, 4)).toEqual([entry.datetime, entry.source, entry.platform, entry.variable]);
    [...STATS, 'valid_pixels', 'cloud_fraction'].forEach((name, k) => {
      const value = entry[name as keyof TimeseriesEntry] as number | null;
      if (value === null) expect(['', 'null']).toContain(cells[4 + k]);
      else expect(Math.abs(Number(cells[4 + k]) - value)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(value)));
    });
    expect(cells[13].split(';')).toEqual(entry.scenes);
  });
}

describe('time series against numpy', () => {
  it('NDVI over the field astride the zone boundary, Sentinel-2 and Landsat: result.json and result.csv', async () => {
    const body = { type: 'timeseries', aoi: rig.kit.manifest.aois.field, datetime: SUMMER, sources: ['sentinel-2', 'landsat'], index: 'ndvi' };
    const reference = await rig.reference(body, 'series-field');
    const expected = referenceTimeseries(reference);
    const run = await rig.runTimeseries(body);
    expect(run.json.entries).toHaveLength(expected.length);
    expectEntriesMatch(run.json.entries, expected);
    expectCsvMatchesJson(run);
    const result = run.job.result as Record<string, unknown>;
    expect(result.entries).toBe(expected.length);
    expect([...(result.scenes as string[])].sort()).toEqual(reference.meta.scenes);
    expect(run.json).toMatchObject({ datetime: SUMMER, period: 'day', variable: 'ndvi' });
    // The overlap holds both tiles of a pass: they made one entry, and Landsat 9 its own on 20 July.
    expect(expected.some((e) => e.scenes.length === 2)).toBe(true);
    expect(expected.filter((e) => e.datetime.startsWith('2024-07-20')).map((e) => e.platform).sort()).toEqual(['landsat-9', 'sentinel-2a']);
    expect(expected.some((e) => (e.cloud_fraction ?? 0) > 0.05)).toBe(true);
  }, 180_000);

  it('NDVI over the polygon with a hole in UTM 32, harmonized', async () => {
    const body = { type: 'timeseries', aoi: rig.kit.manifest.aois.polygon, datetime: SUMMER, sources: ['sentinel-2', 'landsat'], index: 'ndvi', harmonize: 'hls' };
    const reference = await rig.reference(body, 'series-polygon');
    const run = await rig.runTimeseries(body);
    expectEntriesMatch(run.json.entries, referenceTimeseries(reference));
    expectCsvMatchesJson(run);
  }, 180_000);

  it('at a point, reading at most the one block per band per scene that holds it (cold cache)', async () => {
    const point = rig.kit.manifest.aois.point!;
    const body = { type: 'timeseries', aoi: point, datetime: SUMMER, sources: ['sentinel-2', 'landsat'], index: 'ndvi' };
    const reference = await rig.reference(body, 'series-point');
    const cold = await rig.startService();
    const before = rig.fileRequests().length;
    const run = await rig.runTimeseries(body, cold);
    expectEntriesMatch(run.json.entries, referenceTimeseries(reference));
    expect(run.json.entries.every((e) => e.valid_pixels <= 1)).toBe(true);

    const blocks = rig.kit.manifest.point_blocks!;
    const used = new Set(reference.meta.scenes);
    const allowed = new Map<string, { header: number; block: [number, number] }>();
    for (const scene of rig.kit.manifest.scenes.filter((s) => used.has(s.id))) {
      const needed = scene.source === 'landsat' ? ['SR_B4', 'SR_B5', 'QA_PIXEL'] : ['B04', 'B08', 'SCL'];
      for (const asset of needed) {
        const file = scene.files[asset];
        const block = blocks[file.url_path];
        const align = (n: number, up: boolean) => (up ? Math.ceil(n / BLOCK_SIZE) : Math.floor(n / BLOCK_SIZE)) * BLOCK_SIZE;
        allowed.set(file.url_path, { header: align(file.header_end, true), block: [align(block.offset, false), align(block.offset + block.size, true)] });
      }
    }
    // HEAD requests move no bytes; every GET must stay within the file's header and the point's block.
    const requests = rig.fileRequests().slice(before).filter((request) => request.method === 'GET');
    expect(requests.length).toBeGreaterThan(0);
    const outside: string[] = [];
    for (const request of requests) {
      const limits = allowed.get(request.path);
      const range = /^bytes=(\d+)-(\d+)$/.exec(request.headers.range ?? '');
      if (!limits || !range || !within(Number(range[1]), Number(range[2]) + 1, limits.header, limits.block)) {
        outside.push(`${request.path} ${request.headers.range ?? '(whole file)'} (header < ${limits?.header}, block ${limits?.block.join('-')})`);
      }
    }
    expect(outside, 'reads beyond the header and the block holding the point').toEqual([]);
  }, 180_000);
});
