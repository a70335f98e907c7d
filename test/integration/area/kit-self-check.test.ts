/**
 * The area kit and its reference, checked without the area engine (they are what it will be
 * measured against): the kit's files are valid COGs; its items go through the service's real
 * search and normalizers (exactly the scenes the reference selects, with the scale/offset each
 * item's radiometry rule gives) and its scenes through today's single-scene NDVI job (equal to
 * GDAL); the reference's grid and area mask equal workers/lib/cube's definitions; and on the
 * constant variant the reference's answers are the ones known by construction.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaGrid } from '../../../workers/lib/cube/area-grid';
import type { AreaOfInterest } from '../../../workers/lib/cube/geometry';
import { projectArea } from '../../../workers/lib/cube/geometry';
import { rasterizeGeometry } from '../../../workers/lib/cube/polygon-mask';
import { PYTHON, run, validateCog } from '../../helpers/gdal';
import { startAreaRig, type AreaRig } from '../../helpers/area-scenes/area-rig';
import { AREA_SCENES_DIR, makeAreaKit, type AreaKit, type KitScene } from '../../helpers/area-scenes/kit';
import { readNpy, referenceFor, referenceTimeseries } from '../../helpers/area-scenes/reference';
import { compareWithGdal } from '../processing/helpers/gdal-check';
import { runToFile } from '../processing/helpers/processing-rig';

let rig: AreaRig;
beforeAll(async () => {
  rig = await startAreaRig();
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

interface SearchFeature { id: string; assets: Record<string, { 'raster:bands'?: Array<{ scale?: number; offset?: number; nodata?: number }> }> }

async function searchIds(query: string | Record<string, unknown>): Promise<SearchFeature[]> {
  const response = typeof query === 'string'
    ? await rig.svc.api(`/api/v1/search?${query}`)
    : await rig.svc.api('/api/v1/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(query) });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { features: SearchFeature[]; links: Array<{ rel: string }> };
  expect(body.links.some((link) => link.rel === 'next')).toBe(false);
  return body.features;
}

const summer = () => rig.kit.manifest.periods.summer;
const composite = (aoi: unknown, more: Record<string, unknown> = {}) => ({ type: 'composite', aoi, datetime: summer(), index: 'ndvi', reducer: 'median', ...more });

describe('the kit files', () => {
  it('are valid COGs by GDAL\'s validator, two UTM zones, Sentinel-2 and Landsat, with partial nodata and clouds', async () => {
    const { manifest } = rig.kit;
    expect(manifest.scenes).toHaveLength(17);
    expect(new Set(manifest.scenes.map((s) => s.epsg))).toEqual(new Set([32631, 32632]));
    expect(manifest.scenes.filter((s) => s.source === 'landsat')).toHaveLength(1);
    expect(manifest.scenes.some((s) => s.cloud_cover > 50)).toBe(true);
    const { stdout } = await run(PYTHON, [join(AREA_SCENES_DIR, 'validate_kit.py'), rig.kit.manifestPath], { maxBuffer: 4 * 1024 * 1024 });
    const batch = JSON.parse(stdout) as { files: number; problems: Record<string, unknown> };
    expect(batch.files).toBe(16 * 5 + 5);
    expect(batch.problems).toEqual({});
    // The shared helper on one file of each kind, strictly.
    const landsat = manifest.scenes.find((s) => s.source === 'landsat')!;
    for (const file of [manifest.scenes[1].files.B04, manifest.scenes[1].files.SCL, landsat.files.SR_B4, landsat.files.QA_PIXEL]) {
      const report = await validateCog(file.path);
      expect(report.valid && report.warnings.length === 0 && report.errors.length === 0, report.output).toBe(true);
    }
    // Several blocks per band file: reading one of them is something else than reading the file.
    for (const file of [manifest.scenes[1].files.B04, landsat.files.SR_B4]) expect(file.block_grid[0] * file.block_grid[1]).toBeGreaterThan(3);
  }, 120_000);
});

describe('the kit items through the service\'s search', () => {
  it('finds exactly the scenes the reference selects, with each item\'s radiometry in raster:bands', async () => {
    const { bbox, polygon } = rig.kit.manifest.aois;
    const cases: Array<{ search: string | Record<string, unknown>; job: Record<string, unknown> }> = [
      { search: `bbox=${bbox.join(',')}&datetime=${summer()}&limit=100`, job: composite(bbox) },
      { search: `bbox=${bbox.join(',')}&datetime=${summer()}&sources=sentinel-2&cloud_cover_lt=50&limit=100`, job: composite(bbox, { sources: ['sentinel-2'], cloud_cover_lt: 50 }) },
      { search: { intersects: polygon, datetime: rig.kit.manifest.periods.august, limit: 100 }, job: composite(polygon, { datetime: rig.kit.manifest.periods.august }) },
    ];
    for (const [i, { search, job }] of cases.entries()) {
      const features = await searchIds(search);
      const reference = await rig.reference(job, `search-${i}`);
      expect(features.map((f) => f.id).sort()).toEqual(reference.meta.scenes);
      expect(reference.meta.scenes.length).toBeGreaterThan(3);
      for (const feature of features) {
        const scene = rig.kit.scene(feature.id);
        for (const band of Object.values(scene.bands)) {
          const raster = feature.assets[band.asset]?.['raster:bands']?.[0];
          expect(raster, `${feature.id} ${band.asset}`).toMatchObject({ scale: band.scale, offset: band.offset, nodata: 0 });
        }
        expect(Object.keys(feature.assets)).toContain(scene.mask.asset);
      }
    }
    // Every radiometry rule is among them: PB 05.10 (−0.1), boa_offset_applied (0), c1 declared (−0.1), Landsat C2.
    const offsets = new Set(rig.kit.manifest.scenes.map((s) => `${s.radiometry ?? s.source}:${Object.values(s.bands)[0].offset}`));
    expect(offsets).toEqual(new Set(['pb:-0.1', 'boa:0', 'c1:-0.1', 'landsat:-0.2']));
  }, 120_000);

  it('serves scenes today\'s single-scene NDVI job reads like GDAL does (c1 with declared offset; Landsat C2)', async () => {
    const c1 = rig.kit.manifest.scenes.find((s) => s.radiometry === 'c1')!;
    const landsat = rig.kit.manifest.scenes.find((s) => s.source === 'landsat')!;
    for (const [scene, nir, red] of [[c1, 'nir', 'red'], [landsat, 'nir08', 'red']] as const) {
      const { path } = await runToFile(rig.svc, { type: 'ndvi', scene: scene.id }, rig.work, `ndvi-${scene.source}`);
      const band = (name: string) => ({ path: scene.files[scene.bands[name].asset].path, scale: scene.bands[name].scale, offset: scene.bands[name].offset, nodata: 0 });
      const mask = scene.mask.kind === 'scl'
        ? { path: scene.files.SCL.path, kind: 'scl' as const, classes: scene.mask.invalid_classes }
        : { path: scene.files.QA_PIXEL.path, kind: 'landsat-qa' as const, bits: scene.mask.invalid_bits };
      const report = await compareWithGdal({ result: path, expression: '(nir - red) / (nir + red)', scenes: { scene: { bands: { nir: band(nir), red: band(red) }, mask } } }, rig.work);
      expect(report.band1.nan_mismatches).toBe(0);
      expect(report.band1.max_abs_diff).toBeLessThanOrEqual(1e-6);
      expect(report.band1.valid_ref).toBeGreaterThan(1000);
    }
  }, 120_000);
});

describe('the reference\'s grid and area mask', () => {
  it('equal workers/lib/cube: UTM zone of the centre, -tap aligned bounds, pixel-centre mask', async () => {
    const { bbox, polygon, field, point } = rig.kit.manifest.aois;
    const cases: Array<[string, AreaOfInterest | [number, number], number]> = [['bbox', bbox, 32631], ['polygon', polygon!, 32632], ['field', field!, 32632], ['point', point!, 32631]];
    for (const [name, aoi, epsg] of cases) {
      const job = name === 'point' ? { type: 'timeseries', aoi, datetime: summer(), index: 'ndvi' } : composite(aoi);
      const { meta, dir } = await rig.reference(job, `grid-${name}`);
      const area = (name === 'point' ? [...(aoi as number[]), ...(aoi as number[])] : aoi) as AreaOfInterest;
      const grid = areaGrid(area, { resolution: 10 });
      expect(grid.crs).toBe(`EPSG:${epsg}`);
      expect(meta.grid.epsg).toBe(epsg);
      expect([meta.grid.width, meta.grid.height]).toEqual([grid.width, grid.height]);
      expect(meta.grid.transform).toEqual(Array.from(grid.transform));
      if (name === 'point') continue;
      const cube = rasterizeGeometry(projectArea(aoi as AreaOfInterest, grid.crs), grid);
      const inside = readNpy(join(dir, 'inside.npy'));
      expect(inside.shape).toEqual([grid.height, grid.width]);
      expect(Buffer.compare(Buffer.from(inside.data as Uint8Array), Buffer.from(cube))).toBe(0);
      expect(meta.inside_pixels).toBeGreaterThan(1000);
      if (name === 'polygon') expect(meta.inside_pixels).toBeLessThan(grid.width * grid.height * 0.9);
    }
  }, 120_000);
});

describe('the reference on the main kit', () => {
  it('uses both zones, both sensors and the cloud and HLS options so that each changes the answer', async () => {
    const { bbox, point } = rig.kit.manifest.aois;
    const both = { sources: ['sentinel-2', 'landsat'], valid_count: true };
    const plain = await rig.reference(composite(bbox, both), 'main-plain');
    const hls = await rig.reference(composite(bbox, { ...both, harmonize: 'hls' }), 'main-hls');
    const unmasked = await rig.reference(composite(bbox, { ...both, mask_clouds: false }), 'main-unmasked');
    expect(new Set(plain.meta.scenes.map((id) => rig.kit.scene(id).epsg))).toEqual(new Set([32631, 32632]));
    expect(plain.meta.groups.map((g) => g.platform)).toContain('landsat-9');
    expect(plain.meta.groups.filter((g) => g.scenes.length === 2).length).toBeGreaterThanOrEqual(5);
    const [a, b, c] = [plain, hls, unmasked].map((r) => readNpy(join(r.dir, 'expected.npy')).data as Float64Array);
    const pixels = a.length / 2;
    let hlsDiffers = 0, maskDiffers = 0, counts = new Set<number>();
    for (let i = 0; i < pixels; i++) {
      if (Math.abs(a[i] - b[i]) > 1e-3) hlsDiffers++;
      if (Math.abs(a[i] - c[i]) > 1e-3) maskDiffers++;
      if (!Number.isNaN(a[pixels + i])) counts.add(a[pixels + i]);
      if (!Number.isNaN(a[i])) expect(Math.abs(a[i])).toBeLessThanOrEqual(1);
    }
    expect(hlsDiffers).toBeGreaterThan(100);
    expect(maskDiffers).toBeGreaterThan(1000);
    expect([...counts].every(Number.isInteger)).toBe(true);
    expect(Math.max(...counts)).toBe(9);

    const change = await rig.reference({ type: 'change', aoi: bbox, before: { datetime: rig.kit.manifest.periods.june }, after: { datetime: rig.kit.manifest.periods.august }, sources: ['sentinel-2'] }, 'main-change');
    const classes = readNpy(join(change.dir, 'expected.npy')).data as Float64Array;
    counts = new Set(Array.from(classes.subarray(classes.length / 2)).filter((v) => !Number.isNaN(v)));
    expect(counts).toEqual(new Set([-1, 0, 1]));

    const series = await rig.reference({ type: 'timeseries', aoi: point, datetime: summer(), index: 'ndvi' }, 'main-point');
    const entries = referenceTimeseries(series);
    expect(entries.length).toBe(series.meta.observations);
    expect(entries.filter((e) => e.valid_pixels === 1).length).toBeGreaterThanOrEqual(6);
    expect(entries.every((e) => e.valid_pixels <= 1)).toBe(true);
  }, 180_000);
});

describe('the reference on the constant kit, where the answers are known by construction', () => {
  let kit: AreaKit;
  beforeAll(async () => {
    kit = await makeAreaKit('constant');
  }, 120_000);
  afterAll(() => {
    if (kit) rmSync(kit.dir, { recursive: true, force: true });
  });

  /** NDVI of a scene's constant DN through its scale/offset (and the HLS inverse for Landsat when asked). */
  const ndviOf = (scene: KitScene, hls = false): number => {
    const refl = (name: string, hlsRow: [number, number]) => {
      const band = scene.bands[name];
      const value = (band.constant_dn as number) * band.scale + band.offset;
      return hls ? (value - hlsRow[1]) / hlsRow[0] : value;
    };
    const landsat = scene.source === 'landsat';
    const [nir, red] = [refl(landsat ? 'nir08' : 'nir', [0.9983, -0.0001]), refl('red', [0.9765, 0.0009])];
    return (nir - red) / (nir + red);
  };
  const CLOUD_PIXELS = 20 * 30 * 4; // SCL rows 85–104 × columns 100–129 of tile A at 20 m, in 10 m pixels
  const job = (more: Record<string, unknown>) => ({ aoi: kit.manifest.aois.bbox, datetime: kit.manifest.periods.june, index: 'ndvi', ...more });

  it('composites: median of the three constant NDVIs, mean of two under the SCL cloud, counts 3 and 2', async () => {
    const [first, firstB, second, landsat] = kit.manifest.scenes;
    expect([first.tile, firstB.tile, second.tile, landsat.source]).toEqual(['31TGN', '32TLT', '31TGN', 'landsat']);
    const [n1, n2, nl] = [ndviOf(first), ndviOf(second), ndviOf(landsat)];
    expect(ndviOf(firstB)).toBe(n1);
    const ref = await referenceFor(kit, job({ type: 'composite', reducer: 'median', valid_count: true }), rig.work, 'constant-median');
    expect(ref.meta.groups.map((g) => g.scenes.length)).toEqual([2, 1, 1]);
    const { shape, data } = readNpy(join(ref.dir, 'expected.npy'));
    const inside = readNpy(join(ref.dir, 'inside.npy')).data;
    const pixels = shape[1] * shape[2];
    const tally = { 3: 0, 2: 0 } as Record<number, number>;
    for (let i = 0; i < pixels; i++) {
      if (!inside[i]) {
        expect(Number.isNaN(data[i]) && Number.isNaN(data[pixels + i])).toBe(true);
        continue;
      }
      const count = data[pixels + i];
      tally[count] = (tally[count] ?? 0) + 1;
      const expected = count === 3 ? [n1, n2, nl].sort((a, b) => a - b)[1] : (n1 + nl) / 2;
      expect(Math.abs(data[i] - expected)).toBeLessThan(1e-12);
    }
    expect(tally).toEqual({ 3: ref.meta.inside_pixels - CLOUD_PIXELS, 2: CLOUD_PIXELS });
    const observations = readNpy(join(ref.dir, 'observations.npy')).data as Float64Array;
    [n1, n2, nl].forEach((value, k) => {
      const plane = observations.subarray(k * pixels, (k + 1) * pixels).filter((v) => !Number.isNaN(v));
      expect(plane.length).toBe(ref.meta.inside_pixels - (k === 1 ? CLOUD_PIXELS : 0));
      expect(plane.every((v) => Math.abs(v - value) < 1e-12)).toBe(true);
    });
    const unmasked = await referenceFor(kit, job({ type: 'composite', reducer: 'count', mask_clouds: false }), rig.work, 'constant-unmasked');
    const counts = readNpy(join(unmasked.dir, 'expected.npy')).data;
    expect(Array.from(counts).filter((v, i) => inside[i] && v === 3)).toHaveLength(unmasked.meta.inside_pixels);
  }, 60_000);

  it('time series: each acquisition\'s constant, std 0, the cloud rectangle\'s share as cloud_fraction; HLS on Landsat only', async () => {
    const [first, , second, landsat] = kit.manifest.scenes;
    for (const hls of [false, true]) {
      const ref = await referenceFor(kit, job({ type: 'timeseries', ...(hls ? { harmonize: 'hls' } : {}) }), rig.work, `constant-series-${hls}`);
      const entries = referenceTimeseries(ref);
      const n = ref.meta.inside_pixels;
      const expected = [[first, n, 0], [second, n - CLOUD_PIXELS, CLOUD_PIXELS / n], [landsat, n, 0]] as const;
      expect(entries.map((e) => [e.platform, e.source, e.variable])).toEqual([['sentinel-2a', 'sentinel-2', 'ndvi'], ['sentinel-2b', 'sentinel-2', 'ndvi'], ['landsat-9', 'landsat', 'ndvi']]);
      entries.forEach((entry, k) => {
        const [scene, valid, cloud] = expected[k];
        const value = ndviOf(scene, hls && scene.source === 'landsat');
        for (const stat of [entry.mean, entry.median, entry.min, entry.max, entry.p10, entry.p90]) expect(Math.abs((stat as number) - value)).toBeLessThan(1e-12);
        expect(entry.std).toBeLessThan(1e-12);
        expect(entry.valid_pixels).toBe(valid);
        expect(entry.cloud_fraction).toBeCloseTo(cloud, 15);
        expect(entry.datetime).toBe(scene.datetime);
      });
    }
  }, 60_000);
});
