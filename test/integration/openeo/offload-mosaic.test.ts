/**
 * How a remote job's downloaded files become the job's result (remote-result.ts over
 * raster/mosaic): overlapping GeoTIFFs of different types on one lattice are mosaicked — the first
 * file's valid pixel wins, the next fills its nodata, integer nodata becomes NaN — into a COG
 * GDAL validates, with pixels equal to a numpy reference; a plain striped GeoTIFF alone is
 * rewritten as a COG; files on different grids are refused naming them; a time series is kept as
 * result.json / result.csv as the back-end wrote it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeJobRequest } from '../../../electron/service/openeo/graph';
import { outputOf, type OffloadParams } from '../../../electron/service/openeo/offload/offload-params';
import { REMOTE_RUN_FILE, remoteJobResult } from '../../../electron/service/openeo/offload/remote-result';
import type { DownloadedAsset, RemoteJobResult } from '../../../electron/service/openeo/remote/types';
import { gdalinfo, PYTHON, run, validateCog } from '../../helpers/gdal';

const MAKE = `
import sys, numpy as np
from osgeo import gdal, osr
gdal.UseExceptions()
out = sys.argv[1]
srs = osr.SpatialReference(); srs.ImportFromEPSG(32633)
def make(name, x0, y0, w, h, dtype, values, nodata, options):
    mem = gdal.GetDriverByName('MEM').Create('', w, h, 1, dtype)
    mem.SetGeoTransform([x0, 20, 0, y0, 0, -20]); mem.SetProjection(srs.ExportToWkt())
    band = mem.GetRasterBand(1); band.WriteArray(values); band.SetNoDataValue(nodata)
    gdal.GetDriverByName('GTiff').CreateCopy(f'{out}/{name}', mem, options=options)
a = np.fromfunction(lambda y, x: (x * 3 + y) / 100.0, (30, 40), dtype=np.float32)
a[5:10, 30:40] = np.nan
make('a.tif', 500000, 4600000, 40, 30, gdal.GDT_Float32, a, float('nan'), ['TILED=YES', 'BLOCKXSIZE=16', 'BLOCKYSIZE=16'])
b = np.fromfunction(lambda y, x: 1000 + x + y * 7, (30, 40), dtype=np.uint16)
b[0:3, :] = 0
make('b.tif', 500400, 4599800, 40, 30, gdal.GDT_UInt16, b, 0, [])
make('c.tif', 500000, 4600000, 40, 30, gdal.GDT_Float32, a, float('nan'), [])
far = np.ones((4, 4), dtype=np.float32)
make('d.tif', 500010, 4600000, 4, 4, gdal.GDT_Float32, far, float('nan'), [])
`;

const REFERENCE = `
import sys, json, numpy as np
from osgeo import gdal
gdal.UseExceptions()
def read(path):
    ds = gdal.Open(path); band = ds.GetRasterBand(1); v = band.ReadAsArray().astype(np.float64)
    nd = band.GetNoDataValue()
    if nd is not None and not np.isnan(nd): v[v == nd] = np.nan
    return v, ds.GetGeoTransform()
result, gt = read(sys.argv[1])
a, _ = read(sys.argv[2]); b, _ = read(sys.argv[3])
expected = np.full((40, 60), np.nan)
expected[0:30, 0:40] = a
region = expected[10:40, 20:60]
region[np.isnan(region)] = b[np.isnan(region)]
print(json.dumps({'geotransform': gt, 'shape': list(result.shape), 'equal': bool(np.array_equal(result.astype(np.float32), expected.astype(np.float32), equal_nan=True)),
  'valid': int(np.count_nonzero(~np.isnan(result)))}))
`;

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'astra-mosaic-'));
  await run(PYTHON, ['-c', MAKE, dir]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const asset = (key: string, type: string | null = 'image/tiff; application=geotiff'): DownloadedAsset => ({ key, path: join(dir, 'downloads', key), bytes: 0, type, roles: ['data'], href: `https://openeo.example.org/download/${key}` });

function run1(files: DownloadedAsset[]): RemoteJobResult {
  return {
    backend: { id: 'fake', url: 'https://openeo.example.org', api_url: 'https://openeo.example.org/openeo/1.2', title: null }, job_id: 'j-1',
    files, stac: { type: 'Collection', assets: {} }, mapping: { collections: [], bands: [] }, process: { process_graph: {} },
  };
}

function params(body: Record<string, unknown>): OffloadParams {
  const request = normalizeJobRequest(body);
  return { on: 'fake', request, process: { process_graph: {} }, output: outputOf(request), time: { start: 'x', end: 'y' }, extent: [15, 41, 16, 42], title: 't' };
}

/** A fresh work dir with the given files "downloaded" into it. */
function workWith(name: string, files: string[]): { workDir: string; downloads: string } {
  const workDir = join(dir, name);
  const downloads = join(workDir, 'downloads');
  mkdirSync(downloads, { recursive: true });
  for (const file of files) writeFileSync(join(downloads, file), readFileSync(join(dir, file)));
  return { workDir, downloads };
}

const composite = { type: 'composite', aoi: [15, 41, 16, 42], datetime: '2024-06-01/2024-08-31', index: 'ndvi', reducer: 'median' };

describe('turning downloaded files into the result', () => {
  it('mosaics overlapping files of different types onto one COG: the first valid pixel wins', async () => {
    const { workDir, downloads } = workWith('overlap', ['a.tif', 'b.tif']);
    const files = [asset('a.tif'), asset('b.tif')].map((file) => ({ ...file, path: join(downloads, file.key) }));
    const progress: number[] = [];
    const result = await remoteJobResult(run1(files), params(composite), downloads, { jobId: 'job_x', workDir, progress: (f) => progress.push(f) });
    expect(result).toMatchObject({ href: '/api/v1/jobs/job_x/result.tif', crs: 'EPSG:32633', width: 60, height: 40, bands: ['ndvi'], assets: 2 });
    expect(result.bbox![0]).toBeCloseTo(15, 0);
    expect(progress.at(-1)).toBe(1);
    const path = join(workDir, 'result.tif');
    const validation = await validateCog(path);
    expect(validation.valid, validation.output).toBe(true);
    const { stdout } = await run(PYTHON, ['-c', REFERENCE, path, join(dir, 'a.tif'), join(dir, 'b.tif')]);
    const compared = JSON.parse(stdout) as { geotransform: number[]; shape: number[]; equal: boolean; valid: number };
    expect(compared).toMatchObject({ geotransform: [500000, 20, 0, 4600000, 0, -20], shape: [40, 60], equal: true });
    expect(result.stats!.valid_fraction).toBeCloseTo(compared.valid / 2400, 10);
    const info = await gdalinfo(path);
    expect(info.bands[0]).toMatchObject({ type: 'Float32', description: 'ndvi', block: [512, 512] });
    // The downloads are gone; the record of the run stays beside the result.
    expect(existsSync(downloads)).toBe(false);
    expect(JSON.parse(readFileSync(join(workDir, REMOTE_RUN_FILE), 'utf8'))).toMatchObject({ job_id: 'j-1', backend: { id: 'fake' }, assets: [{ key: 'a.tif' }, { key: 'b.tif' }] });
  });

  it('rewrites a single striped GeoTIFF as a COG with the same pixels', async () => {
    const { workDir, downloads } = workWith('single', ['c.tif']);
    const result = await remoteJobResult(run1([{ ...asset('c.tif', null), path: join(downloads, 'c.tif') }]), params(composite), downloads, { jobId: 'job_y', workDir });
    expect(result).toMatchObject({ width: 40, height: 30 });
    expect((await validateCog(join(workDir, 'result.tif'))).valid).toBe(true);
    const { stdout } = await run(PYTHON, ['-c', `
import sys, numpy as np
from osgeo import gdal
a = gdal.Open(sys.argv[1]).ReadAsArray(); b = gdal.Open(sys.argv[2]).ReadAsArray()
print(bool(np.array_equal(a, b, equal_nan=True)))`, join(workDir, 'result.tif'), join(dir, 'c.tif')]);
    expect(stdout.trim()).toBe('True');
  });

  it('refuses files on different lattices, naming them', async () => {
    const { workDir, downloads } = workWith('apart', ['a.tif', 'd.tif']);
    const files = [asset('a.tif'), asset('d.tif')].map((file) => ({ ...file, path: join(downloads, file.key) }));
    await expect(remoteJobResult(run1(files), params(composite), downloads, { jobId: 'job_z', workDir }))
      .rejects.toMatchObject({ code: 'unprocessable', message: expect.stringContaining('result file d.tif is not on the pixel lattice of result file a.tif') });
    expect(existsSync(join(workDir, 'result.tif'))).toBe(false);
  });

  it('keeps a time series as result.json and result.csv, as the back-end wrote them', async () => {
    const workDir = join(dir, 'series');
    const downloads = join(workDir, 'downloads');
    mkdirSync(downloads, { recursive: true });
    writeFileSync(join(downloads, 'timeseries.json'), '{"2024-06-03T00:00:00Z": [[0.41]]}');
    writeFileSync(join(downloads, 'timeseries.csv'), 'date,feature_index,avg(band_0)\n2024-06-03,0,0.41\n');
    const files = [
      { ...asset('timeseries.json', 'application/json'), path: join(downloads, 'timeseries.json') },
      { ...asset('timeseries.csv', 'text/csv'), path: join(downloads, 'timeseries.csv') },
    ];
    const result = await remoteJobResult(run1(files), params({ type: 'timeseries', aoi: [15.5, 41.5], datetime: '2024-06-01/2024-06-30', index: 'ndvi' }), downloads, { jobId: 'job_t', workDir });
    expect(result).toEqual({ href: '/api/v1/jobs/job_t/result.json', csv: '/api/v1/jobs/job_t/result.csv', format: 'openeo' });
    expect(readFileSync(join(workDir, 'result.json'), 'utf8')).toBe('{"2024-06-03T00:00:00Z": [[0.41]]}');
    expect(readFileSync(join(workDir, 'result.csv'), 'utf8')).toContain('2024-06-03,0,0.41');
    await expect(remoteJobResult(run1([files[0]].map((file) => ({ ...file, type: 'application/x-netcdf', key: 'out.nc', path: join(downloads, 'out.nc') }))), params(composite), downloads, { jobId: 'job_u', workDir }))
      .rejects.toMatchObject({ code: 'upstream_error', message: expect.stringContaining('delivered no GeoTIFF (out.nc (application/x-netcdf))') });
  });
});
