/**
 * Area jobs are validated before any work (spec-15 "Validation"), by POST /api/v1/jobs and
 * POST /api/v1/jobs/preview alike: bad fields → 400 naming the parameter; no scene → 422 saying
 * so; an area beyond 1.5 gigapixels per band → 422 naming the limit and the coarser resolution
 * that fits (which then does fit); a time series beyond 50 megapixels → 422; a band one of the
 * chosen sensors lacks → 400 naming it and the sensor. Nothing is queued, and the service keeps
 * serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaGrid, sizeCheck } from '../../../workers/lib/cube/area-grid';
import { postJob, startAreaRig, type AreaRig } from '../../helpers/area-scenes/area-rig';

let rig: AreaRig;
beforeAll(async () => {
  rig = await startAreaRig();
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

const SUMMER = '2024-06-01/2024-08-31';
type ErrorBody = { error: { code: string; message: string; parameter?: string } };

async function preview(body: Record<string, unknown>): Promise<Response> {
  return rig.svc.api('/api/v1/jobs/preview', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Both endpoints answer `status`; returns the POST /jobs error body. */
async function refused(body: Record<string, unknown>, status: number): Promise<ErrorBody['error']> {
  const [submitted, previewed] = await Promise.all([postJob(rig.svc, body), preview(body)]);
  const [a, b] = [(await submitted.json()) as ErrorBody, (await previewed.json()) as ErrorBody];
  expect(submitted.status, JSON.stringify(a)).toBe(status);
  expect(previewed.status, JSON.stringify(b)).toBe(status);
  expect(b.error.code).toBe(a.error.code);
  return a.error;
}

async function jobCount(): Promise<number> {
  return ((await (await rig.svc.api('/api/v1/jobs?limit=500')).json()) as { jobs: unknown[] }).jobs.length;
}

describe('area job validation', () => {
  it('bad aoi, datetime and other fields → 400 naming the parameter', async () => {
    const bbox = rig.kit.manifest.aois.bbox;
    const base = { type: 'composite', aoi: bbox, datetime: SUMMER, index: 'ndvi', reducer: 'median' };
    const series = { type: 'timeseries', aoi: rig.kit.manifest.aois.point, datetime: SUMMER, index: 'ndvi' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, aoi: undefined }, 'aoi'],
      [{ ...base, aoi: [6, 47, 5.9] }, 'aoi'],
      [{ ...base, aoi: [6.0, 47.1, 6.1, 47.0] }, 'aoi'],
      [{ ...base, aoi: [6.0, 95, 6.1, 96] }, 'aoi'],
      [{ ...base, aoi: { type: 'Polygon', coordinates: [[[6, 47], [6.1, 47], [6.1, 47.1]]] } }, 'aoi'],
      [{ ...base, aoi: { type: 'LineString', coordinates: [[6, 47], [6.1, 47]] } }, 'aoi'],
      [{ ...base, aoi: 'somewhere' }, 'aoi'],
      [{ ...series, aoi: [200, 47] }, 'aoi'],
      [{ ...base, datetime: undefined }, 'datetime'],
      [{ ...base, datetime: '2024-06-01/..' }, 'datetime'],
      [{ ...base, datetime: '../2024-08-31' }, 'datetime'],
      [{ ...base, datetime: 'last summer' }, 'datetime'],
      [{ ...base, datetime: '2024-08-31/2024-06-01' }, 'datetime'],
      [{ ...base, reducer: 'mode' }, 'reducer'],
      [{ ...base, harmonize: 'sen2like' }, 'harmonize'],
      [{ ...base, cloud_cover_lt: 150 }, 'cloud_cover_lt'],
      [{ ...base, sources: ['modis'] }, 'sources'],
      [{ ...base, resolution: -10 }, 'resolution'],
      [{ ...base, crs: 'EPSG:99999' }, 'crs'],
      [{ ...base, index: 'ndxi' }, 'index'],
      [{ ...series, period: 'fortnight' }, 'period'],
    ];
    const queued = await jobCount();
    for (const [body, parameter] of cases) {
      const error = await refused(body, 400);
      expect(error.code, JSON.stringify({ body, error })).toBe('invalid_parameter');
      expect(error.parameter, JSON.stringify({ body, error })).toBe(parameter);
    }
    // Exactly one of bands, index, expression.
    expect((await refused({ ...base, bands: ['red'] }, 400)).code).toBe('invalid_parameter');
    expect(await jobCount()).toBe(queued);
    expect((await rig.svc.api('/api/v1/health')).status).toBe(200);
  }, 120_000);

  it('a crs the EPSG registry lacks or the warp cannot use → 400 naming crs and why; national grids are planned in their own units', async () => {
    const base = { type: 'composite', aoi: rig.kit.manifest.aois.bbox, datetime: SUMMER, sources: ['sentinel-2'], index: 'ndvi', reducer: 'median' };
    const queued = await jobCount();
    const why: Array<[string, RegExp]> = [
      ['EPSG:999999', /unknown CRS 'EPSG:999999'/],
      ['EPSG:54009', /unknown CRS 'EPSG:54009'/],
      ['EPSG:4978', /geocentric/],
      ['EPSG:27700', /OSTN15_NTv2_OSGBtoETRS\.gsb.*not available offline/],
    ];
    for (const [crs, message] of why) {
      const error = await refused({ ...base, crs }, 400);
      expect(error, crs).toMatchObject({ code: 'invalid_parameter', parameter: 'crs' });
      expect(error.message).toMatch(message);
    }
    expect(await jobCount()).toBe(queued);

    const planned = async (crs: string) => {
      const response = await preview({ ...base, crs });
      const body = (await response.json()) as { grid: { crs: string; width: number; height: number; resolution: number } };
      expect(response.status, JSON.stringify(body)).toBe(200);
      return body.grid;
    };
    const utm = await planned('EPSG:32631');
    expect(await planned('EPSG:3035')).toMatchObject({ crs: 'EPSG:3035', resolution: 10 });
    // The 10 m bands in US survey feet (EPSG:2263 is New York's, but any area projects) and in ETRS89 degrees.
    const feet = await planned('EPSG:2263');
    expect(feet.resolution).toBeCloseTo(10 / (1200 / 3937), 9);
    const degrees = await planned('EPSG:4258');
    expect(degrees.resolution).toBeGreaterThan(5e-5);
    expect(degrees.resolution).toBeLessThan(2e-4);
    expect(degrees.width * degrees.height).toBeGreaterThan(0.5 * utm.width * utm.height);
    expect(degrees.width * degrees.height).toBeLessThan(2 * utm.width * utm.height);
  }, 60_000);

  it('no scene for the area and period → 422 saying so', async () => {
    const error = await refused({ type: 'composite', aoi: rig.kit.manifest.aois.bbox, datetime: '2023-06-01/2023-08-31', index: 'ndvi', reducer: 'median' }, 422);
    expect(error.message).toMatch(/no scenes?\b/i);
    const far = await refused({ type: 'timeseries', aoi: [20.5, 40.5], datetime: SUMMER, index: 'ndvi' }, 422);
    expect(far.message).toMatch(/no scenes?\b/i);
  }, 60_000);

  it('an area beyond 1.5 gigapixels per band → 422 naming the limit and a coarser resolution, which fits', async () => {
    const aoi: [number, number, number, number] = [2, 42, 14, 52];
    const body = { type: 'composite', aoi, datetime: SUMMER, index: 'ndvi', reducer: 'median' };
    const excess = sizeCheck(areaGrid(aoi, { resolution: 10 }));
    expect(excess).not.toBeNull();
    const error = await refused(body, 422);
    expect(error.message).toMatch(/1[.,]5 ?(gigapixels?|gpx|billion)|1[ ,.]?500[ ,.]?000[ ,.]?000|1\.5e9/i);
    expect(error.message).toContain(String(excess!.resolution));
    expect((await preview({ ...body, resolution: excess!.resolution })).status).toBe(200);
  }, 60_000);

  it('a time series beyond 50 megapixels → 422', async () => {
    const error = await refused({ type: 'timeseries', aoi: [5.0, 46.5, 7.0, 47.5], datetime: SUMMER, index: 'ndvi' }, 422);
    expect(error.message).toMatch(/50 ?(megapixels?|mpx)|50[ ,.]?000[ ,.]?000|5e7/i);
  }, 60_000);

  it('a band one chosen sensor lacks → 400 naming it and the sensor; HLS with one sensor is allowed', async () => {
    const error = await refused({ type: 'composite', aoi: rig.kit.manifest.aois.bbox, datetime: SUMMER, sources: ['sentinel-2', 'landsat'], bands: ['red', 'rededge'], reducer: 'median' }, 400);
    expect(error.message).toMatch(/rededge/);
    expect(error.message).toMatch(/landsat/i);
    const hls = await preview({ type: 'composite', aoi: rig.kit.manifest.aois.bbox, datetime: SUMMER, sources: ['sentinel-2'], index: 'ndvi', reducer: 'median', harmonize: 'hls' });
    expect(hls.status).toBe(200);
  }, 60_000);
});
