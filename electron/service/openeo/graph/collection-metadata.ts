/**
 * The openEO collection documents of the local back-end (`GET /collections`, `/collections/{id}`):
 * STAC 1.0 collections with the datacube extension's `cube:dimensions` x, y, t, bands and the
 * bands' `eo:bands` (asset name + common name), built from the sources' band tables. Pure; the
 * route adds its links.
 */
import type { SourceId, StacLink } from '../../stac/types';
import { LOCAL_COLLECTIONS, type LocalCollection } from './local-collections';

export interface OpenEoBand {
  name: string;
  common_name?: string;
  description: string;
  center_wavelength?: number;
  full_width_half_max?: number;
  gsd: number;
}

export interface OpenEoCollection {
  stac_version: '1.0.0';
  stac_extensions: string[];
  type: 'Collection';
  id: string;
  title: string;
  description: string;
  license: string;
  extent: { spatial: { bbox: number[][] }; temporal: { interval: (string | null)[][] } };
  'cube:dimensions': Record<'x' | 'y' | 't' | 'bands', Record<string, unknown>>;
  summaries: { 'eo:bands': OpenEoBand[]; constellation: string[]; gsd: number[] };
  links: StacLink[];
}

const EXTENSIONS = [
  'https://stac-extensions.github.io/datacube/v2.2.0/schema.json',
  'https://stac-extensions.github.io/eo/v1.1.0/schema.json',
];

const CATALOG_TITLE: Readonly<Record<SourceId, string>> = {
  'sentinel-2': 'Earth Search (Element 84)',
  landsat: 'USGS LandsatLook',
  'planetary-computer': 'Microsoft Planetary Computer',
};

/** First acquisitions the collection can hold: Sentinel-2A, Landsat 8, and (Planetary Computer's landsat-c2-l2) Landsat 4. */
function firstAcquisition(c: LocalCollection): string {
  if (c.sensor === 'sentinel-2-msi') return '2015-06-27T00:00:00Z';
  return c.source === 'planetary-computer' ? '1982-08-22T00:00:00Z' : '2013-03-18T00:00:00Z';
}

function description(c: LocalCollection): string {
  const sensor = c.sensor === 'sentinel-2-msi' ? 'Sentinel-2 MSI Level-2A' : 'Landsat Collection 2 Level-2';
  const lines = [
    `${sensor} scenes of the STAC collection \`${c.upstream}\` at ${CATALOG_TITLE[c.source]}, read through ASTRA's source \`${c.source}\` (scene ids \`${c.source}:<item id>\`).`,
    'Bands can be named by their asset name or their common name (`red`, `nir`, …); `nir` falls back to `nir08` where a sensor has no broad NIR band, as ASTRA jobs do.',
    `Reflectance is scaled to physical values when read. Cloud mask band: \`${c.maskBand}\`.`,
  ];
  if (c.source === 'planetary-computer' && c.sensor === 'landsat-oli') {
    lines.push('Band names are those of Landsat 8/9 OLI; the collection also holds Landsat 4/5/7 TM/ETM+ scenes, whose bands are numbered differently: prefer common names.');
  }
  return lines.join('\n\n');
}

function band(spec: LocalCollection['bands'][number]): OpenEoBand {
  return {
    name: spec.asset,
    ...(spec.commonName ? { common_name: spec.commonName } : {}),
    description: spec.title,
    ...(spec.centerWavelength !== undefined ? { center_wavelength: spec.centerWavelength } : {}),
    ...(spec.fullWidthHalfMax !== undefined ? { full_width_half_max: spec.fullWidthHalfMax } : {}),
    gsd: spec.gsd,
  };
}

export function openEoCollection(c: LocalCollection, links: StacLink[] = []): OpenEoCollection {
  const start = firstAcquisition(c);
  return {
    stac_version: '1.0.0',
    stac_extensions: EXTENSIONS,
    type: 'Collection',
    id: c.id,
    title: `${c.upstream} (${CATALOG_TITLE[c.source]})`,
    description: description(c),
    license: 'proprietary',
    extent: { spatial: { bbox: [[-180, -90, 180, 90]] }, temporal: { interval: [[start, null]] } },
    'cube:dimensions': {
      x: { type: 'spatial', axis: 'x', extent: [-180, 180], reference_system: 4326 },
      y: { type: 'spatial', axis: 'y', extent: [-90, 90], reference_system: 4326 },
      t: { type: 'temporal', extent: [start, null], step: null },
      bands: { type: 'bands', values: c.bands.map((b) => b.asset) },
    },
    summaries: {
      'eo:bands': c.bands.map(band),
      constellation: [c.sensor === 'sentinel-2-msi' ? 'sentinel-2' : 'landsat'],
      gsd: [...new Set(c.bands.map((b) => b.gsd))].sort((a, b) => a - b),
    },
    links,
  };
}

/** Every local collection, in LOCAL_COLLECTIONS order. */
export function openEoCollections(linksOf: (c: LocalCollection) => StacLink[] = () => []): OpenEoCollection[] {
  return LOCAL_COLLECTIONS.map((c) => openEoCollection(c, linksOf(c)));
}
