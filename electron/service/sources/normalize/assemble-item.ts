/** Puts an ASTRA STAC 1.0.0 item together and declares exactly the extensions its fields use. */
import type { AstraItemProperties, StacAsset, StacItem, StacLink } from '../../stac/types';
import type { ItemOrigin } from './item-origin';
import type { Radiometry } from './radiometry';
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

function usedExtensions(properties: Record<string, unknown>, assets: Record<string, StacAsset>): string[] {
  const fields = new Set<string>(Object.keys(properties));
  for (const asset of Object.values(assets)) for (const key of Object.keys(asset)) fields.add(key);
  const uses = (prefix: string): boolean => [...fields].some((field) => field.startsWith(prefix));
  const out: string[] = [];
  if (uses('eo:')) out.push(STAC_EXTENSIONS.eo);
  if (uses('raster:')) out.push(STAC_EXTENSIONS.raster);
  if (uses('proj:')) out.push(STAC_EXTENSIONS.projection);
  if (uses('grid:')) out.push(STAC_EXTENSIONS.grid);
  return out;
}

function upstreamLink(origin: ItemOrigin, core: UpstreamCore): StacLink[] {
  if (!origin.upstreamUrl || core.collection === 'unknown') return [];
  const href = `${origin.upstreamUrl.replace(/\/+$/, '')}/collections/${encodeURIComponent(core.collection)}/items/${encodeURIComponent(core.upstreamId)}`;
  return [{ rel: 'via', href, type: 'application/geo+json', title: `${core.upstreamId} at the upstream catalog` }];
}

export function assembleItem(origin: ItemOrigin, core: UpstreamCore, fields: FamilyFields, assets: Record<string, StacAsset>): StacItem {
  const id = `${origin.source}:${core.upstreamId}`;
  const optional: Record<string, unknown> = {
    instruments: core.instruments,
    'eo:cloud_cover': core.cloudCover,
    'proj:epsg': core.epsg,
    'grid:code': fields.gridCode,
    'astra:scene_key': fields.sceneKey,
    'astra:radiometry': fields.radiometry,
  };
  const properties = {
    datetime: core.datetime,
    platform: fields.platform,
    constellation: fields.constellation,
    ...(fields.gsd !== undefined ? { gsd: fields.gsd } : {}),
    'astra:provider': origin.provider,
    'astra:source': origin.source,
    'astra:collection': core.collection,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  } as AstraItemProperties;
  return {
    type: 'Feature',
    stac_version: '1.0.0',
    stac_extensions: usedExtensions(properties, assets),
    id,
    geometry: core.geometry,
    bbox: core.bbox,
    properties,
    assets,
    links: [{ rel: 'self', href: sceneHref(id), type: 'application/geo+json' }, ...upstreamLink(origin, core)],
  };
}
