/** Shared bits of the normalization tests (not a test file). */
import type { ItemOrigin } from '../../../electron/service/sources/normalize/item-origin';
import type { Json } from '../../helpers/fake-upstream/fixture-files';

export const ES_ORIGIN: ItemOrigin = { source: 'sentinel-2', provider: 'copernicus', catalog: 'earth-search', upstreamUrl: 'https://earth-search.aws.element84.com/v1' };
export const PC_ORIGIN: ItemOrigin = { source: 'planetary-computer', provider: 'microsoft', catalog: 'planetary-computer', upstreamUrl: 'https://planetarycomputer.microsoft.com/api/stac/v1' };
export const LL_ORIGIN: ItemOrigin = { source: 'landsat', provider: 'usgs', catalog: 'landsatlook', upstreamUrl: 'https://landsatlook.usgs.gov/stac-server' };

/** api.md "Asset names": Sentinel-2. */
export const S2_ASSET_NAMES = ['B01', 'B02', 'B03', 'B04', 'B05', 'B06', 'B07', 'B08', 'B8A', 'B09', 'B11', 'B12', 'SCL', 'visual', 'thumbnail'];

export function upstreamAsset(item: Json, key: string): Json {
  const asset = (item.assets as Record<string, Json>)[key];
  if (!asset) throw new Error(`${String(item.id)} has no asset ${key}`);
  return asset;
}

/** Copies of a real item, each broken in one way real catalogs have been seen to break. */
export function brokenCopies(real: Json): Array<[string, unknown]> {
  const copy = (change: (item: Json) => void): Json => {
    const item = structuredClone(real);
    change(item);
    return item;
  };
  return [
    ['geometry missing', copy((item) => { delete item.geometry; })],
    ['geometry null', copy((item) => { item.geometry = null; })],
    ['coordinates of the wrong type', copy((item) => { item.geometry = { type: 'Polygon', coordinates: [['a', 'b', 'c', 'd']] }; })],
    ['latitude out of range', copy((item) => { item.geometry = { type: 'Polygon', coordinates: [[[0, 0], [1, 95], [2, 0], [0, 0]]] }; })],
    ['ring with two corners', copy((item) => { item.geometry = { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [0, 0]]] }; })],
    ['datetime missing', copy((item) => { delete (item.properties as Json).datetime; })],
    ['datetime not a date', copy((item) => { (item.properties as Json).datetime = 'yesterday'; })],
    ['datetime a number', copy((item) => { (item.properties as Json).datetime = 1700000000; })],
    ['cloud cover a string', copy((item) => { (item.properties as Json)['eo:cloud_cover'] = 'low'; })],
    ['properties missing', copy((item) => { delete item.properties; })],
    ['assets an array', copy((item) => { item.assets = []; })],
    ['id a number', copy((item) => { item.id = 42; })],
    ['id with spaces', copy((item) => { item.id = 'a b'; })],
    ['not an object', 'Feature'],
    ['null', null],
  ];
}
