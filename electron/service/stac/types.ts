/**
 * STAC 1.0.0 wire types as ASTRA returns them: normalized items, item collections, and the
 * documents of the STAC API at /api/v1/stac. Types only, no Node imports.
 */

export type Position = number[];
export type Bbox = [number, number, number, number];

export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface StacLink {
  rel: string;
  href: string;
  type?: string;
  title?: string;
  method?: string;
  body?: unknown;
  merge?: boolean;
}

export interface EoBand {
  name?: string;
  common_name?: string;
  center_wavelength?: number;
  full_width_half_max?: number;
}

export interface RasterBand {
  nodata?: number;
  data_type?: string;
  scale?: number;
  offset?: number;
  spatial_resolution?: number;
  unit?: string;
}

export interface StacAsset {
  href: string;
  type?: string;
  title?: string;
  roles?: string[];
  gsd?: number;
  'eo:bands'?: EoBand[];
  'raster:bands'?: RasterBand[];
  'proj:shape'?: number[];
  'proj:transform'?: number[];
  [key: string]: unknown;
}

export type SourceId = 'sentinel-2' | 'landsat' | 'planetary-computer';

export interface AstraItemProperties {
  datetime: string;
  'eo:cloud_cover': number | null;
  platform: string;
  constellation: string;
  gsd: number;
  'astra:provider': 'copernicus' | 'usgs' | 'microsoft';
  'astra:collection': string;
  'astra:source': SourceId;
  /** Scene key: platform + MGRS tile / WRS path-row + sensing time; equal keys = same acquisition. */
  'astra:scene_key'?: string;
  'astra:alternates'?: string[];
  'proj:epsg'?: number | null;
  [key: string]: unknown;
}

export interface StacItem {
  type: 'Feature';
  stac_version: '1.0.0';
  stac_extensions: string[];
  id: string;
  geometry: Geometry | null;
  bbox?: number[];
  properties: AstraItemProperties;
  assets: Record<string, StacAsset>;
  links: StacLink[];
  collection?: string;
}

export interface SearchWarning {
  source: SourceId;
  code: 'timeout' | 'upstream_error' | 'rate_limited' | 'served_from_cache' | 'partial' | 'count_incomplete';
  message: string;
}

export interface SearchContext {
  matched: number | null;
  returned: number;
  limit: number;
}

export interface ItemCollection {
  type: 'FeatureCollection';
  features: StacItem[];
  context: SearchContext;
  links: StacLink[];
  warnings: SearchWarning[];
}

/** GET /api/v1/stac: the STAC API landing page. */
export interface StacCatalog {
  type: 'Catalog';
  stac_version: '1.0.0';
  id: string;
  title: string;
  description: string;
  conformsTo: string[];
  links: StacLink[];
}

/** GET /api/v1/stac/conformance */
export interface StacConformance {
  conformsTo: string[];
}

/** One upstream collection of a source, with its source-scoped id (`planetary-computer:sentinel-2-l2a`). */
export interface StacCollection {
  type: 'Collection';
  stac_version: '1.0.0';
  stac_extensions: string[];
  id: string;
  title: string;
  description: string;
  license: string;
  extent: { spatial: { bbox: number[][] }; temporal: { interval: Array<Array<string | null>> } };
  links: StacLink[];
}

/** GET /api/v1/stac/collections */
export interface StacCollectionList {
  collections: StacCollection[];
  links: StacLink[];
}

/** An ItemCollection of the STAC API: items name their scoped `collection`; OGC counts beside `context`. */
export interface StacItemCollection extends ItemCollection {
  numberReturned: number;
  /** Present when `context.matched` is known. */
  numberMatched?: number;
}
