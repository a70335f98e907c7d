/**
 * Normalized STAC items (the shape the source adapters hand over) whose asset hrefs point at the
 * test upstream, built from the real fixture scenes' footprints and times.
 */
import { readFileSync } from 'node:fs';
import type { SourceId, StacAsset, StacItem } from '../../../../electron/service/stac/types';
import { S2_ITEM_JSON } from './make-cogs';

const COG = 'image/tiff; application=geotiff; profile=cloud-optimized';

interface Fixture { bbox: number[]; geometry: StacItem['geometry']; properties: { datetime: string; 'eo:cloud_cover': number } }

export const S2_SCENE = 'sentinel-2:S2A_29RKH_20200219_0_L2A';
export const PC_S2_SCENE = 'planetary-computer:S2A_MSIL2A_20200219T113321_R080_T29RKH_20200220T055447';
export const LANDSAT_SCENE = 'landsat:LC08_L2SP_008059_20191201_20200825_02_T1_SR';
export const PC_LANDSAT_SCENE = 'planetary-computer:LC08_L2SP_008059_20191201_20200825_02_T1';

/** Blob paths the test upstream serves them at (under /blob/). */
export const PC_S2_B04_BLOB = 'sentinel2l2a01/sentinel2-l2/29/R/KH/2020/02/19/S2A_MSIL2A_20200219T113321_N0214_R080_T29RKH_20200220T055447.SAFE/GRANULE/L2A_T29RKH_A024263_20200219T113451/IMG_DATA/R10m/T29RKH_20200219T113321_B04_10m.tif';
export const PC_LANDSAT_B4_BLOB = 'landsateuwest/landsat-c2/level-2/standard/oli-tirs/2019/008/059/LC08_L2SP_008059_20191201_20200825_02_T1/LC08_L2SP_008059_20191201_20200825_02_T1_SR_B4.TIF';

function band(href: string, name: string, common: string, gsd: number, type = COG): StacAsset {
  return { href, type, roles: ['data', 'reflectance'], gsd, 'eo:bands': [{ name, common_name: common }] };
}

function item(id: string, source: SourceId, collection: string, base: Pick<StacItem, 'bbox' | 'geometry'>, datetime: string, cloud: number, assets: Record<string, StacAsset>): StacItem {
  return {
    type: 'Feature',
    stac_version: '1.0.0',
    stac_extensions: [],
    id,
    geometry: base.geometry,
    bbox: base.bbox,
    properties: {
      datetime,
      'eo:cloud_cover': cloud,
      platform: source === 'landsat' || id.includes('LC08') ? 'landsat-8' : 'sentinel-2a',
      constellation: id.includes('LC08') ? 'landsat' : 'sentinel-2',
      gsd: id.includes('LC08') ? 30 : 10,
      'astra:provider': source === 'sentinel-2' ? 'copernicus' : source === 'landsat' ? 'usgs' : 'microsoft',
      'astra:collection': collection,
      'astra:source': source,
    },
    assets,
    links: [{ rel: 'self', href: `/api/v1/scenes/${id}` }],
    collection,
  };
}

function s2Fixture(): Fixture {
  return JSON.parse(readFileSync(S2_ITEM_JSON, 'utf8')) as Fixture;
}

/** The 29RKH Sentinel-2 scene on Earth Search, its bands served publicly by the test upstream. */
export function s2Item(upstream: string): StacItem {
  const f = s2Fixture();
  return item(S2_SCENE, 'sentinel-2', 'sentinel-2-l2a', f, f.properties.datetime, f.properties['eo:cloud_cover'], {
    B04: band(`${upstream}/cogs/B04.tif`, 'B04', 'red', 10),
    B08: band(`${upstream}/cogs/B08.tif`, 'B08', 'nir', 10),
    'B04-jp2': band(`${upstream}/jp2/B04.jp2`, 'B04', 'red', 10, 'image/jp2'),
    visual: { href: `${upstream}/cogs/TCI.tif`, type: COG, roles: ['visual'], 'eo:bands': [{ name: 'B04', common_name: 'red' }, { name: 'B03', common_name: 'green' }, { name: 'B02', common_name: 'blue' }] },
    thumbnail: { href: `${upstream}/cogs/thumbnail.jpg`, type: 'image/jpeg', roles: ['thumbnail'] },
  });
}

/** The same acquisition on Planetary Computer: blob hrefs that need a SAS token. */
export function pcS2Item(): StacItem {
  const f = s2Fixture();
  return item(PC_S2_SCENE, 'planetary-computer', 'sentinel-2-l2a', f, f.properties.datetime, f.properties['eo:cloud_cover'], {
    B04: band(`https://${PC_S2_B04_BLOB.replace('/', '.blob.core.windows.net/')}`, 'B04', 'red', 10),
  });
}

const LANDSAT_FOOTPRINT: Pick<StacItem, 'bbox' | 'geometry'> = {
  bbox: [-76.1, 0.4, -74.0, 2.5],
  geometry: { type: 'Polygon', coordinates: [[[-76.1, 0.4], [-74.0, 0.4], [-74.0, 2.5], [-76.1, 2.5], [-76.1, 0.4]]] },
};

/** A LandsatLook item (login-walled https hrefs) and its Planetary Computer twin (blob hrefs). */
export function landsatPair(): [StacItem, StacItem] {
  const when = '2019-12-01T15:20:00Z';
  const usgs = item(LANDSAT_SCENE, 'landsat', 'landsat-c2l2-sr', LANDSAT_FOOTPRINT, when, 41, {
    SR_B4: band('https://landsatlook.usgs.gov/data/collection02/level-2/standard/oli-tirs/2019/008/059/LC08_L2SP_008059_20191201_20200825_02_T1/LC08_L2SP_008059_20191201_20200825_02_T1_SR_B4.TIF', 'SR_B4', 'red', 30, 'image/vnd.stac.geotiff; cloud-optimized=true'),
  });
  const pc = item(PC_LANDSAT_SCENE, 'planetary-computer', 'landsat-c2-l2', LANDSAT_FOOTPRINT, when, 41, {
    SR_B4: band(`https://${PC_LANDSAT_B4_BLOB.replace('/', '.blob.core.windows.net/')}`, 'SR_B4', 'red', 30),
  });
  return [usgs, pc];
}
