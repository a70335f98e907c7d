/**
 * STAC items for the kit's scenes, each made from a real recorded item of its catalog and
 * collection (as test-scenes.ts does), so they go through the service's real normalizers:
 * - Earth Search `sentinel-2-l2a` from the 29RKH item: it declares offset 0 in raster:bands, as
 *   the real collection does; the offset comes from `s2:processing_baseline` and
 *   `earthsearch:boa_offset_applied` (sources/normalize/radiometry.ts).
 * - Earth Search `sentinel-2-c1-l2a` from the 13TDE item: raster:bands declare scale/offset.
 * - LandsatLook `landsat-c2l2-sr` from the LC08 028/030 item: no scale/offset upstream (USGS's
 *   factors are applied by the normalizer); band files named `…_SR_B4.TIF`.
 * The kit's band and mask assets point at the fake upstream's file server; every other asset at
 * a path it does not serve (404), so nothing ever reaches a real host.
 */
import { FIXTURE, fixtureFeatures, readFixtureJson, type Json } from '../fake-upstream/fixture-files';
import type { KitManifest, KitScene } from './kit';

type Serve = (urlPath: string, localFile: string) => string;

const ES_KEYS: Record<string, string> = { B02: 'blue', B03: 'green', B04: 'red', B08: 'nir', SCL: 'scl' };
const LANDSAT_KEYS: Record<string, string> = { SR_B2: 'blue', SR_B3: 'green', SR_B4: 'red', SR_B5: 'nir08', QA_PIXEL: 'qa_pixel' };

function serveKitAssets(item: Json, scene: KitScene, keys: Record<string, string>, serve: Serve, origin: string): void {
  const assets = item.assets as Record<string, Json>;
  for (const key of Object.keys(assets)) if (key.endsWith('-jp2')) delete assets[key];
  const kitKeys = new Set(Object.entries(keys).filter(([kitAsset]) => scene.files[kitAsset]).map(([, key]) => key));
  for (const [key, asset] of Object.entries(assets)) {
    if (kitKeys.has(key)) continue;
    const file = String(asset.href).split('/').pop();
    asset.href = `${origin}/not-served/${scene.upstream_id}/${file}`;
  }
  for (const [kitAsset, key] of Object.entries(keys)) {
    const file = scene.files[kitAsset];
    const asset = assets[key];
    if (!asset) throw new Error(`kit scene ${scene.id}: no ${key} asset`);
    // The benchmark kits (test/bench/area) make only the bands an NDVI reads: the others stay unserved.
    if (!file) continue;
    asset.href = serve(file.url_path, file.path);
    const t = file.geotransform;
    asset['proj:shape'] = [file.height, file.width];
    asset['proj:transform'] = [t[1], t[2], t[0], t[4], t[5], t[3]];
  }
}

function mgrs(tile: string): Json {
  return { 'mgrs:utm_zone': Number(tile.slice(0, 2)), 'mgrs:latitude_band': tile[2], 'mgrs:grid_square': tile.slice(3), 'grid:code': `MGRS-${tile}` };
}

function s2Names(scene: KitScene): Json {
  const p = scene.platform === 'sentinel-2a' ? 'S2A' : 'S2B';
  const sensing = scene.sensing as string;
  const day = sensing.slice(0, 8);
  return {
    's2:product_uri': `${p}_MSIL2A_${sensing}_N0510_R108_T${scene.tile}_${day}T150412.SAFE`,
    's2:datatake_id': `G${p}_${sensing}_04${day.slice(4)}_N05.10`,
    's2:datastrip_id': `${p}_OPER_MSI_L2A_DS_2APS_${day}T150412_S${sensing}_N05.10`,
    's2:generation_time': `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}T15:04:12.000000Z`,
    's2:processing_baseline': '05.10',
  };
}

function earthSearchL2a(scene: KitScene, serve: Serve, origin: string): Json {
  const item = readFixtureJson(FIXTURE.esRasterItem29RKH);
  const p = scene.platform === 'sentinel-2a' ? 'S2A' : 'S2B';
  Object.assign(item, { id: scene.upstream_id, collection: 'sentinel-2-l2a', geometry: scene.geometry, bbox: scene.bbox });
  Object.assign(item.properties as Json, {
    platform: scene.platform, datetime: scene.datetime, 'eo:cloud_cover': scene.cloud_cover, 'proj:epsg': scene.epsg,
    ...mgrs(scene.tile as string), ...s2Names(scene),
    's2:granule_id': `${p}_OPER_MSI_L2A_TL_2APS_${(scene.sensing as string).slice(0, 8)}T150412_A000000_T${scene.tile}_N05.10`,
    'earthsearch:boa_offset_applied': scene.radiometry === 'boa',
    'earthsearch:s3_path': `s3://sentinel-cogs/sentinel-s2-l2a-cogs/${scene.upstream_id}`,
  });
  item.links = [{ rel: 'self', type: 'application/geo+json', href: `${origin}/earth-search/v1/collections/sentinel-2-l2a/items/${scene.upstream_id}` }];
  serveKitAssets(item, scene, ES_KEYS, serve, origin);
  return item;
}

function earthSearchC1(scene: KitScene, serve: Serve, origin: string): Json {
  const item = structuredClone(fixtureFeatures(FIXTURE.esC1Tile13TDE)[0]);
  Object.assign(item, { id: scene.upstream_id, collection: 'sentinel-2-c1-l2a', geometry: scene.geometry, bbox: scene.bbox });
  const props = item.properties as Json;
  const p = scene.platform === 'sentinel-2a' ? 'S2A' : 'S2B';
  const [lon, lat] = [(scene.bbox[0] + scene.bbox[2]) / 2, (scene.bbox[1] + scene.bbox[3]) / 2];
  Object.assign(props, {
    platform: scene.platform, datetime: scene.datetime, 'eo:cloud_cover': scene.cloud_cover, 'proj:epsg': scene.epsg,
    'proj:centroid': { lat, lon }, ...mgrs(scene.tile as string), ...s2Names(scene),
    's2:tile_id': `${p}_OPER_MSI_L2A_TL_2APS_${(scene.sensing as string).slice(0, 8)}T150412_A000000_T${scene.tile}_N05.10`,
  });
  item.links = [{ rel: 'self', type: 'application/geo+json', href: `${origin}/earth-search/v1/collections/sentinel-2-c1-l2a/items/${scene.upstream_id}` }];
  serveKitAssets(item, scene, ES_KEYS, serve, origin);
  for (const [common, band] of Object.entries(scene.bands)) {
    const asset = (item.assets as Record<string, Json>)[ES_KEYS[band.asset] ?? common];
    asset['raster:bands'] = [{ nodata: band.nodata, data_type: 'uint16', spatial_resolution: band.resolution, scale: band.scale, offset: band.offset }];
  }
  return item;
}

function landsatLook(scene: KitScene, serve: Serve, origin: string): Json {
  const item = readFixtureJson(FIXTURE.llLandsat8);
  const product = scene.product as string;
  const [path, row] = scene.path_row as [string, string];
  Object.assign(item, { id: scene.upstream_id, geometry: scene.geometry, bbox: scene.bbox });
  const t = Object.values(scene.files)[0].geotransform;
  Object.assign(item.properties as Json, {
    datetime: scene.datetime, platform: scene.platform.toUpperCase().replace('-', '_'), 'eo:cloud_cover': scene.cloud_cover,
    'landsat:cloud_cover_land': scene.cloud_cover, 'landsat:wrs_path': path, 'landsat:wrs_row': row,
    'landsat:scene_id': `LC9${path}${row}${scene.datetime.slice(0, 4)}202LGN00`, 'proj:epsg': scene.epsg,
    'proj:shape': [Object.values(scene.files)[0].height, Object.values(scene.files)[0].width], 'proj:transform': [t[1], t[2], t[0], t[4], t[5], t[3]],
  });
  for (const asset of Object.values(item.assets as Record<string, Json>)) {
    asset.href = String(asset.href).replace(/LC08_L2SP_028030_20200114_20200824_02_T1/g, product);
  }
  item.links = [{ rel: 'self', href: `${origin}/landsatlook/stac-server/collections/landsat-c2l2-sr/items/${scene.upstream_id}` }];
  serveKitAssets(item, scene, LANDSAT_KEYS, serve, origin);
  return item;
}

export interface KitItems {
  earthSearch: Json[];
  landsatLook: Json[];
}

/** Every kit scene's upstream item; `origin` is the fake upstream's base URL. */
export function kitItems(manifest: KitManifest, serve: Serve, origin: string): KitItems {
  const items: KitItems = { earthSearch: [], landsatLook: [] };
  for (const scene of manifest.scenes) {
    if (scene.source === 'landsat') items.landsatLook.push(landsatLook(scene, serve, origin));
    else if (scene.radiometry === 'c1') items.earthSearch.push(earthSearchC1(scene, serve, origin));
    else items.earthSearch.push(earthSearchL2a(scene, serve, origin));
  }
  return items;
}
