/**
 * The scenes the processing tests serve through the fake upstream: real recorded items (the Earth
 * Search 29RKH item, a LandsatLook item) with the hrefs of the bands under test pointing at the
 * fake's file server, plus items for GDAL-made rasters (a synthetic pair, the 29RKH tile warped
 * into UTM zone 28, the Pucallpa change pair as a Planetary Computer "any collection" item).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE, readFixtureJson, type Json } from '../../../helpers/fake-upstream/fixture-files';
import { RASTERS_DIR, RASTER_SCENES } from '../../../helpers/fixtures';
import type { MadeCogs } from './made-cogs';

export const FIXTURES = RASTERS_DIR;
export const S2_DIR = RASTER_SCENES.sentinel2;

export const S2_SCENE = 'sentinel-2:S2A_29RKH_20200219_0_L2A';
export const S2_ZONE28_SCENE = 'sentinel-2:S2A_28RKH_20200101_0_L2A';
export const SYNTHETIC_SCENE = 'sentinel-2:S2B_33UVR_20240610_0_L2A';
export const LANDSAT_SCENE = 'landsat:LC08_L2SP_008059_20191201_20200825_02_T1_SR';
export const PUCALLPA_1985 = 'planetary-computer:pucallpa_landsat_1985';
export const PUCALLPA_2020 = 'planetary-computer:pucallpa_landsat_2020';

type Serve = (urlPath: string, localFile: string) => string;

/**
 * Points every asset not under test at a path the fake upstream does not serve (404), keeping the
 * file name (Landsat band mapping reads it): no test ever reaches the real catalogs' hosts.
 */
function unservedHrefs(item: Json, origin: string, keep: readonly string[]): void {
  for (const [key, asset] of Object.entries(item.assets as Record<string, Json>)) {
    if (keep.includes(key)) continue;
    const file = String(asset.href).split('/').pop();
    asset.href = `${origin}/not-served/${String(item.id)}/${file}`;
  }
}

function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}

function polygon(bbox: number[]): Json {
  const [w, s, e, n] = bbox;
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

/** The real ES sentinel-2-l2a item, its red/nir/scl hrefs rewritten to the given files. */
function s2Item(id: string, files: { red: string; nir: string; scl?: string }, serve: Serve, origin: string, footprint?: number[], datetime?: string): Json {
  const item = readJson(join(S2_DIR, 'S2A_29RKH_20200219_0_L2A.json'));
  item.id = id;
  const assets = item.assets as Record<string, Json>;
  unservedHrefs(item, origin, ['red', 'nir', 'scl']);
  assets.red.href = serve(`/cogs/${id}/B04.tif`, files.red);
  assets.nir.href = serve(`/cogs/${id}/B08.tif`, files.nir);
  if (files.scl) assets.scl.href = serve(`/cogs/${id}/SCL.tif`, files.scl);
  else delete assets.scl;
  for (const key of Object.keys(assets)) if (key.endsWith('-jp2')) delete assets[key];
  if (footprint) {
    item.geometry = polygon(footprint);
    item.bbox = footprint;
  }
  if (datetime) (item.properties as Json).datetime = datetime;
  return item;
}

/** The LandsatLook L8 item, renamed to the fixture scene, with red/nir08/qa_pixel on the given COGs. */
function landsatItem(cogs: MadeCogs, serve: Serve, origin: string): Json {
  const item = readFixtureJson(FIXTURE.llLandsat8);
  const id = LANDSAT_SCENE.slice('landsat:'.length);
  item.id = id;
  const footprint = cogs.landsat.SR_B4.bbox;
  item.geometry = polygon(footprint);
  item.bbox = footprint;
  Object.assign(item.properties as Json, { datetime: '2019-12-01T15:21:31Z', 'landsat:wrs_path': '008', 'landsat:wrs_row': '059', 'proj:epsg': 32618 });
  const assets = item.assets as Record<string, Json>;
  const bands: Record<string, string> = { red: 'SR_B4', nir08: 'SR_B5', qa_pixel: 'QA_PIXEL' };
  for (const asset of Object.values(assets)) asset.href = String(asset.href).replace('LC08_L2SP_028030_20200114_20200824_02_T1', id.replace(/_SR$/, ''));
  unservedHrefs(item, origin, Object.keys(bands));
  for (const [key, band] of Object.entries(bands)) {
    const file = cogs.landsat[band as keyof MadeCogs['landsat']];
    assets[key].href = serve(`/landsat/${id.replace(/_SR$/, '')}_${band}.TIF`, file.path);
  }
  return item;
}

/**
 * The Pucallpa exports as "any collection" Planetary Computer items: one 4-band asset whose
 * eo:bands say what upstream's README says (1 SWIR1, 2 NIR, 3 Red, 4 Green), 8-bit DN, nodata 0,
 * no scale/offset — so `ndvi` means (NIR − Red) / (NIR + Red) on the stretched DN.
 */
function pucallpaItem(year: '1985' | '2020', cogs: MadeCogs, serve: Serve): Json {
  const id = `pucallpa_landsat_${year}`;
  const file = cogs.pucallpa[year];
  return {
    type: 'Feature',
    stac_version: '1.0.0',
    stac_extensions: [],
    id,
    collection: 'opengeos-landsat-pucallpa',
    geometry: polygon(file.bbox),
    bbox: file.bbox,
    properties: { datetime: `${year}-07-01T00:00:00Z`, 'eo:cloud_cover': 0, constellation: 'landsat' },
    links: [],
    assets: {
      image: {
        href: serve(`/pucallpa/${year}.tif`, file.path),
        type: 'image/tiff; application=geotiff; profile=cloud-optimized',
        roles: ['data'],
        title: 'SWIR1, NIR, Red, Green (8-bit stretched)',
        'eo:bands': [
          { name: 'SWIR1', common_name: 'swir16' },
          { name: 'NIR', common_name: 'nir' },
          { name: 'Red', common_name: 'red' },
          { name: 'Green', common_name: 'green' },
        ],
        'raster:bands': [1, 2, 3, 4].map(() => ({ nodata: 0, data_type: 'uint8' })),
      },
    },
  };
}

export interface TestItems {
  earthSearch: Json[];
  landsatLook: Json[];
  planetaryComputer: Json[];
}

/** `origin`: the fake upstream's base URL (assets not under test point at unserved paths there). */
export function testItems(cogs: MadeCogs, serve: Serve, origin: string): TestItems {
  return {
    earthSearch: [
      s2Item(S2_SCENE.slice('sentinel-2:'.length), { red: join(S2_DIR, 'B04.tif'), nir: join(S2_DIR, 'B08.tif'), scl: join(S2_DIR, 'SCL.tif') }, serve, origin),
      s2Item(S2_ZONE28_SCENE.slice('sentinel-2:'.length), { red: cogs.zone28.B04.path, nir: cogs.zone28.B08.path, scl: cogs.zone28.SCL.path }, serve, origin, cogs.zone28.B04.bbox, '2020-01-01T11:34:25Z'),
      s2Item(SYNTHETIC_SCENE.slice('sentinel-2:'.length), { red: cogs.synthetic.red.path, nir: cogs.synthetic.nir.path }, serve, origin, cogs.synthetic.red.bbox, '2024-06-10T10:00:00Z'),
    ],
    landsatLook: [landsatItem(cogs, serve, origin)],
    planetaryComputer: [pucallpaItem('1985', cogs, serve), pucallpaItem('2020', cogs, serve)],
  };
}
