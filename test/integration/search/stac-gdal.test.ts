/**
 * GDAL's STACIT driver (a STAC API client nobody here wrote) against /api/v1/stac/search: with
 * the key in GDAL_HTTP_HEADERS (GDAL ≥ 3.6) it opens the search as a mosaic of the items' assets,
 * reads their projection from the items, and reads the pixels of the COGs they point at.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNEY_BBOX, startJourneyCatalog, type JourneyCatalog } from '../../helpers/e2e-catalog';
import { FIXTURES_DIR } from '../../helpers/fake-upstream/fixture-files';
import { epsgOf, run, type GdalInfo } from '../../helpers/gdal';
import { startTestService, type TestService } from '../../helpers/test-service';

let catalog: JourneyCatalog;
let svc: TestService;
beforeAll(async () => {
  catalog = await startJourneyCatalog();
  svc = await startTestService({}, catalog.env);
});
afterAll(async () => {
  await svc?.close();
  await catalog?.close();
});

// GDAL_PAM_ENABLED=NO: statistics are computed, never written beside a file.
const gdalEnv = (headers?: string) => ({ ...process.env, GDAL_PAM_ENABLED: 'NO', ...(headers ? { GDAL_HTTP_HEADERS: headers } : {}) });
const searchUrl = () => `${svc.url}/api/v1/stac/search?collections=sentinel-2:sentinel-2-l2a&bbox=${JOURNEY_BBOX.join(',')}&datetime=2020-02-15/2020-02-25&limit=10`;

interface BandStats { minimum: number; maximum: number; mean: number }

async function gdalinfo(target: string, headers?: string, ...flags: string[]): Promise<GdalInfo & { bands: Array<BandStats & GdalInfo['bands'][number]>; files?: string[]; metadata: Record<string, Record<string, string>> }> {
  const { stdout } = await run('gdalinfo', ['-json', ...flags, target], { env: gdalEnv(headers), maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  return JSON.parse(stdout) as never;
}

describe('GDAL STACIT against /api/v1/stac/search', () => {
  it('opens the search with the key in GDAL_HTTP_HEADERS and offers one subdataset per asset', async () => {
    const info = await gdalinfo(`STACIT:"${searchUrl()}"`, `Authorization: Bearer ${svc.key}`);
    const subdatasets = Object.entries(info.metadata.SUBDATASETS ?? {}).filter(([key]) => key.endsWith('_NAME')).map(([, value]) => value);
    for (const band of ['B04', 'B08', 'SCL']) expect(subdatasets).toContain(`STACIT:"${searchUrl()}":asset=${band}`);
  });

  it('reads a band as a mosaic in the items\' CRS, with the pixels of the COG the item points at', async () => {
    const info = await gdalinfo(`STACIT:"${searchUrl()}":asset=B04`, `Authorization: Bearer ${svc.key}`, '-stats');
    expect(info.size).toEqual([10980, 10980]);
    expect(epsgOf(info)).toBe(32629);
    expect(info.geoTransform).toEqual([199980, 10, 0, 2800020, 0, -10]);
    expect(info.files?.some((file) => file.endsWith('/cogs/after/B04.tif'))).toBe(true);
    // The fixture COG is the band at 1/10 resolution: the mosaic repeats each pixel 10×10 times.
    const reference = await gdalinfo(join(FIXTURES_DIR, 'rasters', 'sentinel-2-l2a_S2A_29RKH_20200219', 'B04.tif'), undefined, '-stats');
    const [band, expected] = [info.bands[0], reference.bands[0]];
    expect([band.minimum, band.maximum]).toEqual([expected.minimum, expected.maximum]);
    expect(band.mean).toBeCloseTo(expected.mean, 3);
  });

  it('without the key it is refused (HTTP 401), like every other client', async () => {
    const failure = await run('gdalinfo', [`STACIT:"${searchUrl()}"`], { env: gdalEnv(), timeout: 60_000 }).then(() => null, (error: { stderr?: string }) => error);
    expect(failure?.stderr).toMatch(/HTTP error code\s*:\s*401/);
  });
});
