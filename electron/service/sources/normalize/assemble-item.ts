/** Puts an ASTRA STAC 1.0.0 item together and declares exactly the extensions its fields use. */
import type { AstraItemProperties, StacAsset, StacItem, StacLink } from '../../stac/types';
import type { ItemOrigin } from './item-origin';
import type { Radiometry } from './radiometry';
import { memoizeString } from './string-memo';
import type { UpstreamCore } from './upstream-core';

export const STAC_EXTENSIONS = {
  eo: 'https://stac-extensions.github.io/eo/v1.1.0/schema.json',
  raster: 'https://stac-extensions.github.io/raster/v1.1.0/schema.json',
  projection: 'https://stac-extensions.github.io/projection/v1.1.0/schema.json',
  grid: 'https://stac-extensions.github.io/grid/v1.1.0/schema.json',
} as const;

export interface FamilyFields {
  platform: string;
  constellation: string;
  gsd?: number;
  sceneKey?: string;
  /** Grid extension code, e.g. `MGRS-13TDE`, `WRS2-033032`. */
  gridCode?: string;
  radiometry?: Radiometry;
}

/** `/api/v1/scenes/<id>` with the id escaped except for the `source:` colon. */
export function sceneHref(id: string): string {
  return `/api/v1/scenes/${encodeURIComponent(id).replace(/%3A/gi, ':')}`;
}

const EXTENSION_PREFIXES = [['eo:', STAC_EXTENSIONS.eo], ['raster:', STAC_EXTENSIONS.raster], ['proj:', STAC_EXTENSIONS.projection], ['grid:', STAC_EXTENSIONS.grid]] as const;

/** Marks in `used` the extensions whose prefix one of `record`'s keys has. */
function markPrefixes(record: object, used: boolean[]): void {
  // for…in: these are object literals built by this module's callers (no inherited keys), and it
  // allocates no key array per asset.
  for (const key in record) {
    if (!key.includes(':')) continue;
    for (let i = 0; i < EXTENSION_PREFIXES.length; i += 1) if (!used[i] && key.startsWith(EXTENSION_PREFIXES[i][0])) used[i] = true;
  }
}

function usedExtensions(properties: object, assets: Record<string, StacAsset>): string[] {
  const used = [false, false, false, false];
  markPrefixes(properties, used);
  for (const key of Object.keys(assets)) markPrefixes(assets[key], used);
  const out: string[] = [];
  for (let i = 0; i < EXTENSION_PREFIXES.length; i += 1) if (used[i]) out.push(EXTENSION_PREFIXES[i][1]);
  return out;
}

const apiRoot = memoizeString((url: string): string => url.replace(/\/+$/, ''));

function upstreamLink(origin: ItemOrigin, core: UpstreamCore): StacLink[] {
  if (!origin.upstreamUrl || core.collection === 'unknown') return [];
  const href = `${apiRoot(origin.upstreamUrl)}/collections/${encodeURIComponent(core.collection)}/items/${encodeURIComponent(core.upstreamId)}`;
  return [{ rel: 'via', href, type: 'application/geo+json', title: `${core.upstreamId} at the upstream catalog` }];
}

export function assembleItem(origin: ItemOrigin, core: UpstreamCore, fields: FamilyFields, assets: Record<string, StacAsset>): StacItem {
  const id = `${origin.source}:${core.upstreamId}`;
  // Written field by field, in the order the API has always returned them.
  const properties: Record<string, unknown> = { datetime: core.datetime, platform: fields.platform, constellation: fields.constellation };
  if (fields.gsd !== undefined) properties.gsd = fields.gsd;
  properties['astra:provider'] = origin.provider;
  properties['astra:source'] = origin.source;
  properties['astra:collection'] = core.collection;
  if (core.instruments !== undefined) properties.instruments = core.instruments;
  if (core.cloudCover !== undefined) properties['eo:cloud_cover'] = core.cloudCover;
  if (core.epsg !== undefined) properties['proj:epsg'] = core.epsg;
  if (fields.gridCode !== undefined) properties['grid:code'] = fields.gridCode;
  if (fields.sceneKey !== undefined) properties['astra:scene_key'] = fields.sceneKey;
  if (fields.radiometry !== undefined) properties['astra:radiometry'] = fields.radiometry;
  return {
    type: 'Feature',
    stac_version: '1.0.0',
    stac_extensions: usedExtensions(properties, assets),
    id,
    geometry: core.geometry,
    bbox: core.bbox,
    properties: properties as unknown as AstraItemProperties,
    assets,
    links: [{ rel: 'self', href: sceneHref(id), type: 'application/geo+json' }, ...upstreamLink(origin, core)],
  };
}
