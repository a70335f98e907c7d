/**
 * The pure pieces of running jobs remotely: `on` in a job body, the output a job's result will
 * have, the job's `remote` mirror, the settings' back-end list, band names a graph may use.
 */
import { describe, expect, it } from 'vitest';
import type { JobRemote } from '../../../electron/service/jobs/types';
import { splitRunOn } from '../../../electron/service/jobs/run-on';
import { parseBackendList } from '../../../electron/service/openeo/backend-settings/backend-list';
import { normalizeJobRequest } from '../../../electron/service/openeo/graph';
import { outputOf } from '../../../electron/service/openeo/offload/offload-params';
import { estimateField, MAX_REMOTE_LOG_LINES, RemoteMirror } from '../../../electron/service/openeo/offload/remote-mirror';
import { remoteStorageEstimate } from '../../../electron/service/openeo/offload/storage-estimate';
import { onePerSensor } from '../../../electron/service/openeo/offload/translate-job';
import { astraBandNames, astraBandSpec } from '../../../electron/service/openeo/remote/astra-collections';
import { LANDSAT_OLI_BANDS } from '../../../electron/service/sources/normalize/landsat-bands';
import { SENTINEL_2_BANDS } from '../../../electron/service/sources/normalize/sentinel-2-bands';

const AREA = { aoi: [3, 51.4, 3.02, 51.41], datetime: '2024-06-01/2024-08-31' };

describe('splitRunOn', () => {
  it('defaults to local and splits the rest of the body off', () => {
    expect(splitRunOn({ scene: 's' })).toEqual({ on: 'local', body: { scene: 's' } });
    expect(splitRunOn({ scene: 's', on: null })).toEqual({ on: 'local', body: { scene: 's' } });
    expect(splitRunOn({ scene: 's', on: 'cdse' })).toEqual({ on: 'cdse', body: { scene: 's' } });
  });

  it('refuses anything that cannot be a back-end id, naming on', () => {
    for (const on of [1, true, '', 'CDSE', 'a b', 'x'.repeat(41), ['cdse']]) expect(() => splitRunOn({ on }), String(on)).toThrow(expect.objectContaining({ parameter: 'on' }));
  });
});

describe('outputOf', () => {
  it('names result bands as local results name them', () => {
    const of = (body: Record<string, unknown>) => outputOf(normalizeJobRequest(body));
    expect(of({ type: 'ndvi', scene: 'sentinel-2:S2A_X' })).toEqual({ kind: 'raster', bands: ['ndvi'], classBands: [] });
    expect(of({ type: 'index', scene: 'sentinel-2:S2A_X', expression: 'B08 - B04' })).toEqual({ kind: 'raster', bands: ['value'], classBands: [] });
    expect(of({ type: 'change', before: 'sentinel-2:S2A_X', after: 'sentinel-2:S2A_Y', index: 'nbr' })).toEqual({ kind: 'raster', bands: ['nbr_difference', 'change_class'], classBands: ['change_class'] });
    expect(of({ type: 'composite', ...AREA, bands: ['red', 'green', 'blue'], reducer: 'median', valid_count: true }))
      .toEqual({ kind: 'raster', bands: ['red', 'green', 'blue', 'valid_count'], classBands: ['valid_count'] });
    expect(of({ type: 'change', aoi: AREA.aoi, before: { datetime: '2023-06-01/2023-08-31' }, after: { datetime: '2024-06-01/2024-08-31' } }))
      .toEqual({ kind: 'raster', bands: ['ndvi_difference', 'change_class'], classBands: ['change_class'] });
    expect(of({ type: 'timeseries', ...AREA, index: 'ndvi' })).toEqual({ kind: 'timeseries', format: 'JSON' });
  });
});

describe('onePerSensor', () => {
  it('keeps the first collection of each sensor for the remote graph', () => {
    const all = normalizeJobRequest({ type: 'composite', ...AREA, index: 'ndvi', reducer: 'median' }) as Parameters<typeof onePerSensor>[0];
    expect(onePerSensor(all)).toMatchObject({ sources: ['sentinel-2', 'landsat'], collections: ['sentinel-2:sentinel-2-l2a', 'landsat:landsat-c2l2-sr'] });
    const one = normalizeJobRequest({ type: 'composite', ...AREA, index: 'ndvi', reducer: 'median', collections: ['sentinel-2:sentinel-2-l2a'], sources: ['sentinel-2'] }) as Parameters<typeof onePerSensor>[0];
    expect(onePerSensor(one)).toBe(one);
  });
});

describe('RemoteMirror', () => {
  it('mirrors the run into the job\'s remote field, keeping the last log lines', () => {
    const patches: Array<Partial<JobRemote>> = [];
    const mirror = new RemoteMirror({ remote: (patch) => patches.push(patch) });
    mirror.submitted('j-1');
    mirror.estimate({ costs: 3, duration: null, size: 10, downloads_included: null, expires: null });
    mirror.update({ jobId: 'j-1', status: 'queued', progress: null, logs: [{ id: '1', level: 'info', message: 'queued', time: 't1' }] });
    const many = Array.from({ length: 60 }, (_, i) => ({ id: String(i + 2), level: 'info', message: `line ${i}` }));
    mirror.update({ jobId: 'j-1', status: 'running', progress: 40, logs: many });
    expect(patches[0]).toEqual({ job_id: 'j-1' });
    expect(patches[1]).toEqual({ estimate: { costs: 3, size: 10 } });
    expect(patches[2]).toEqual({ job_id: 'j-1', status: 'queued', progress: null, logs: [{ level: 'info', message: 'queued', time: 't1' }] });
    expect(patches[3].logs).toHaveLength(MAX_REMOTE_LOG_LINES);
    expect(patches[3].logs!.at(-1)).toEqual({ level: 'info', message: 'line 59' });
    expect(patches[3]).toMatchObject({ status: 'running', progress: 40 });
  });

  it('an estimate without figures is none', () => {
    expect(estimateField(null)).toBeNull();
    expect(estimateField({ costs: null, duration: null, size: null, downloads_included: 2, expires: null })).toBeNull();
    expect(estimateField({ costs: 0, duration: 'PT1H', size: null, downloads_included: null, expires: null })).toEqual({ costs: 0, duration: 'PT1H' });
  });
});

describe('remoteStorageEstimate', () => {
  it('grows with the area and the bands, and is small for a time series', () => {
    const params = (extent: [number, number, number, number], bands: string[]) => ({ request: normalizeJobRequest({ type: 'composite', ...AREA, aoi: extent, index: 'ndvi', reducer: 'median' }), extent, output: { kind: 'raster' as const, bands, classBands: [] } });
    const small = remoteStorageEstimate(params([3, 51.4, 3.02, 51.41], ['ndvi']));
    const large = remoteStorageEstimate(params([3, 51, 4, 52], ['ndvi']));
    expect(large).toBeGreaterThan(100 * small);
    // 1° × 1° at 51.5° N, 10 m: ≈ 6,930 × 11,132 px × 4 bytes × 3 copies ≈ 0.93 GB.
    expect(large).toBeGreaterThan(0.85e9);
    expect(large).toBeLessThan(1.0e9);
    expect(remoteStorageEstimate(params([3, 51, 4, 52], ['a', 'b']))).toBeGreaterThan(1.9 * large - 1e7);
    expect(remoteStorageEstimate({ request: normalizeJobRequest({ type: 'timeseries', ...AREA, index: 'ndvi' }), extent: [3, 51, 4, 52], output: { kind: 'timeseries', format: 'JSON' } })).toBeLessThan(1e7);
  });

  it('reads the resolution in the units of the job\'s CRS: degrees for any geographic one, feet for a US-feet one', () => {
    const extent: [number, number, number, number] = [3, 51, 4, 52];
    const estimate = (extra: Record<string, unknown>) => remoteStorageEstimate({
      request: normalizeJobRequest({ type: 'composite', ...AREA, aoi: extent, index: 'ndvi', reducer: 'median', ...extra }), extent, output: { kind: 'raster' as const, bands: ['ndvi'], classBands: [] },
    });
    const metres = estimate({});
    // 1° × 1° at 1/10,000° per pixel: 10,000 × 10,000 px × 4 bytes × 3 copies = 1.2 GB, whichever geographic CRS.
    for (const crs of ['EPSG:4326', 'EPSG:4258']) expect(estimate({ crs, resolution: 1e-4 })).toBeCloseTo(1.2e9 + 4 * 1024 * 1024, -6);
    // EPSG:2263 is in US survey feet: 32.8 ft ≈ 10 m gives about the pixels of 10 m (not 10.8 × fewer).
    expect(estimate({ crs: 'EPSG:2263', resolution: 32.8084 }) / metres).toBeCloseTo(1, 1);
    expect(estimate({ crs: 'EPSG:3035' }) / metres).toBeCloseTo(1, 3);
  });
});

describe('parseBackendList', () => {
  const entry = { id: 'cdse', url: 'https://openeo.dataspace.copernicus.eu', auth: 'oidc' };
  it('takes a list of entries and names the entry and field of a bad one', () => {
    expect(parseBackendList([entry, { id: 'vito', url: 'https://openeo.vito.be/', auth: 'basic', username: 'me' }]).map((e) => [e.id, e.url])).toEqual([
      ['cdse', 'https://openeo.dataspace.copernicus.eu'], ['vito', 'https://openeo.vito.be'],
    ]);
    expect(() => parseBackendList([entry, { ...entry, id: 'x', url: 'http://10.0.0.1' }])).toThrow(expect.objectContaining({ parameter: 'openeo_backends[1].url' }));
    expect(() => parseBackendList([entry, entry])).toThrow(expect.objectContaining({ parameter: 'openeo_backends[1].id' }));
    expect(() => parseBackendList({})).toThrow(expect.objectContaining({ parameter: 'openeo_backends' }));
    expect(() => parseBackendList(Array.from({ length: 21 }, (_, i) => ({ ...entry, id: `b${i}` })))).toThrow(/at most 20/);
  });
});

describe('astraBandSpec', () => {
  it('finds a band by asset or unique common name, nir falling back to nir08 on Landsat', () => {
    expect(astraBandSpec(SENTINEL_2_BANDS, 'B04')?.asset).toBe('B04');
    expect(astraBandSpec(SENTINEL_2_BANDS, 'red')?.asset).toBe('B04');
    expect(astraBandSpec(SENTINEL_2_BANDS, 'nir')?.asset).toBe('B08');
    expect(astraBandSpec(SENTINEL_2_BANDS, 'rededge')).toBeUndefined();
    expect(astraBandSpec(LANDSAT_OLI_BANDS, 'nir')?.asset).toBe('SR_B5');
    expect(astraBandSpec(LANDSAT_OLI_BANDS, 'B04')).toBeUndefined();
    expect(astraBandNames(LANDSAT_OLI_BANDS)).toEqual(expect.arrayContaining(['SR_B4', 'red', 'nir', 'nir08', 'QA_PIXEL']));
  });
});
