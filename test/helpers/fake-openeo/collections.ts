/**
 * The collections of the fake remote back-end, named the way real openEO back-ends name them —
 * never ASTRA's names, so a job only runs there after mapping ids and bands from `/collections`:
 * - SENTINEL2_L2A: the Copernicus Data Space (and openEO federation) name; ESA band ids
 *   B01…B12, B8A and SCL, with `eo:bands` common names;
 * - TERRASCOPE_S2_TOC_V2: VITO Terrascope's Sentinel-2 collection, bands renamed
 *   `TOC-B04_10M` … and `SCENECLASSIFICATION_20M` (common names only in `eo:bands`);
 * - LANDSAT8-9_L2: Landsat 8/9 Level-2 as openEO back-ends backed by Sentinel Hub name it:
 *   B01…B07, B10 and BQA (the Collection 2 QA_PIXEL bits) instead of SR_B4 / QA_PIXEL.
 */

export interface FakeBand {
  name: string;
  common_name?: string;
  center_wavelength?: number;
  gsd?: number;
}

export interface FakeCollection {
  id: string;
  title: string;
  platforms: string[];
  bands: FakeBand[];
  /** [west, south, east, north] in WGS84. */
  bbox: [number, number, number, number];
  /** Start of the archive, RFC 3339. */
  start: string;
}

const band = (name: string, common: string | undefined, center: number, gsd: number): FakeBand =>
  ({ name, ...(common ? { common_name: common } : {}), center_wavelength: center, gsd });

export const SENTINEL2_L2A: FakeCollection = {
  id: 'SENTINEL2_L2A', title: 'Sentinel-2 L2A (bottom of atmosphere reflectance)', platforms: ['sentinel-2a', 'sentinel-2b', 'sentinel-2c'],
  bbox: [-180, -56, 180, 83], start: '2015-07-04T00:00:00Z',
  bands: [
    band('B01', 'coastal', 0.443, 60), band('B02', 'blue', 0.49, 10), band('B03', 'green', 0.56, 10), band('B04', 'red', 0.665, 10),
    band('B05', 'rededge', 0.704, 20), band('B06', 'rededge', 0.74, 20), band('B07', 'rededge', 0.783, 20), band('B08', 'nir', 0.842, 10),
    band('B8A', 'nir08', 0.865, 20), band('B09', 'nir09', 0.945, 60), band('B11', 'swir16', 1.61, 20), band('B12', 'swir22', 2.19, 20),
    { name: 'SCL', gsd: 20 },
  ],
};

export const TERRASCOPE_S2_TOC_V2: FakeCollection = {
  id: 'TERRASCOPE_S2_TOC_V2', title: 'Sentinel-2 top of canopy reflectance (Terrascope)', platforms: ['sentinel-2a', 'sentinel-2b'],
  bbox: [-180, -56, 180, 83], start: '2015-07-06T00:00:00Z',
  bands: [
    band('TOC-B02_10M', 'blue', 0.49, 10), band('TOC-B03_10M', 'green', 0.56, 10), band('TOC-B04_10M', 'red', 0.665, 10),
    band('TOC-B05_20M', 'rededge', 0.704, 20), band('TOC-B06_20M', 'rededge', 0.74, 20), band('TOC-B07_20M', 'rededge', 0.783, 20),
    band('TOC-B08_10M', 'nir', 0.842, 10), band('TOC-B8A_20M', 'nir08', 0.865, 20), band('TOC-B11_20M', 'swir16', 1.61, 20),
    band('TOC-B12_20M', 'swir22', 2.19, 20), { name: 'SCENECLASSIFICATION_20M', gsd: 20 },
  ],
};

export const LANDSAT8_9_L2: FakeCollection = {
  id: 'LANDSAT8-9_L2', title: 'Landsat 8-9 Level 2 (surface reflectance)', platforms: ['landsat-8', 'landsat-9'],
  bbox: [-180, -90, 180, 90], start: '2013-03-18T00:00:00Z',
  bands: [
    band('B01', 'coastal', 0.44, 30), band('B02', 'blue', 0.48, 30), band('B03', 'green', 0.56, 30), band('B04', 'red', 0.65, 30),
    band('B05', 'nir08', 0.87, 30), band('B06', 'swir16', 1.61, 30), band('B07', 'swir22', 2.2, 30), band('B10', 'lwir11', 10.9, 100),
    { name: 'BQA', gsd: 30 },
  ],
};

export const DEFAULT_COLLECTIONS: readonly FakeCollection[] = [SENTINEL2_L2A, TERRASCOPE_S2_TOC_V2, LANDSAT8_9_L2];

function links(apiUrl: string, id: string): object[] {
  return [
    { rel: 'self', href: `${apiUrl}/collections/${id}`, type: 'application/json' },
    { rel: 'root', href: `${apiUrl}/`, type: 'application/json' },
    { rel: 'license', href: 'https://sentinel.esa.int/documents/247904/690755/Sentinel_Data_Legal_Notice', title: 'Legal notice' },
  ];
}

/** The full STAC Collection with the datacube and eo extensions (`GET /collections/{id}`). */
export function collectionDocument(collection: FakeCollection, apiUrl: string): Record<string, unknown> {
  const [west, south, east, north] = collection.bbox;
  return {
    stac_version: '1.0.0', type: 'Collection', id: collection.id, title: collection.title,
    stac_extensions: [
      'https://stac-extensions.github.io/datacube/v2.2.0/schema.json',
      'https://stac-extensions.github.io/eo/v1.1.0/schema.json',
    ],
    description: `${collection.title}, served by the fake openEO back-end.`,
    license: 'proprietary',
    extent: { spatial: { bbox: [collection.bbox] }, temporal: { interval: [[collection.start, null]] } },
    links: links(apiUrl, collection.id),
    'cube:dimensions': {
      x: { type: 'spatial', axis: 'x', extent: [west, east], reference_system: 4326 },
      y: { type: 'spatial', axis: 'y', extent: [south, north], reference_system: 4326 },
      t: { type: 'temporal', extent: [collection.start, null], step: null },
      bands: { type: 'bands', values: collection.bands.map((band) => band.name) },
    },
    summaries: {
      platform: collection.platforms,
      'eo:bands': collection.bands,
      'eo:cloud_cover': { minimum: 0, maximum: 100 },
    },
  };
}

/** The short form listed by `GET /collections`. */
export function collectionSummary(collection: FakeCollection, apiUrl: string): Record<string, unknown> {
  const { summaries: _summaries, ...rest } = collectionDocument(collection, apiUrl);
  return rest;
}
