/**
 * The discovery documents of the local openEO back-end (pure): capabilities (`GET /`),
 * `/.well-known/openeo`, `/conformance`, `/file_formats`, and the collection and process listings.
 * `origin` (e.g. http://127.0.0.1:8787, from the request's Host, which the host guard restricts)
 * makes every URL absolute, as openEO clients need. `endpoints` lists exactly the routes the
 * service registered for the back-end (the route module passes them).
 */
import type { StacLink } from '../../stac/types';
import { ASTRA_VERSION } from '../../version';
import { openEoCollection, openEoCollections, VENDORED_PROCESSES, type LocalCollection, type OpenEoCollection } from '../graph';
import { openEoUrl } from './paths';

export const API_VERSION = '1.2.0';
export const BACKEND_ID = 'astra-local';

/**
 * The API and STAC conformance classes. Not `…/authentication/jwt`: with it, clients send the bare
 * token (API 1.3 style) instead of `basic//<token>`.
 */
export const CONFORMS_TO = [
  `https://api.openeo.org/${API_VERSION}`,
  'https://api.stacspec.org/v1.0.0/core',
  'https://api.stacspec.org/v1.0.0/collections',
];

export interface Endpoint {
  /** Relative to the API root, `{param}` placeholders as the openEO API names them. */
  path: string;
  methods: string[];
}

const DESCRIPTION = [
  'The local openEO back-end of ASTRA Desktop: process graphs run on this workstation by the same engine as ASTRA jobs.',
  '',
  'Sign in with HTTP Basic authentication: any user name, an ASTRA API key as the password (`GET /credentials/basic`).',
  'It runs exactly the processes `GET /processes` lists, on the collections `GET /collections` lists; graphs that',
  'need anything else are refused with `ProcessUnsupported` or `FeatureUnsupported` — run those on a remote openEO',
  'back-end instead. `POST /result` is for small requests (see the ASTRA documentation, docs/api.md, "openEO");',
  'larger ones run as batch jobs.',
].join('\n');

export function capabilities(origin: string, endpoints: readonly Endpoint[]): Record<string, unknown> {
  return {
    api_version: API_VERSION,
    backend_version: ASTRA_VERSION,
    stac_version: '1.0.0',
    type: 'Catalog',
    id: BACKEND_ID,
    title: 'ASTRA Desktop (local openEO back-end)',
    description: DESCRIPTION,
    production: false,
    conformsTo: CONFORMS_TO,
    endpoints,
    links: [
      { rel: 'self', href: openEoUrl(origin), type: 'application/json' },
      { rel: 'conformance', href: openEoUrl(origin, '/conformance'), type: 'application/json', title: 'Conformance classes' },
      { rel: 'data', href: openEoUrl(origin, '/collections'), type: 'application/json', title: 'Collections' },
      { rel: 'version-history', href: openEoUrl(origin, '/.well-known/openeo'), type: 'application/json', title: 'Supported API versions' },
      { rel: 'service-desc', href: `${origin}/api/v1/openapi.json`, type: 'application/vnd.oai.openapi+json;version=3.0', title: 'The ASTRA v1 API (of which this back-end is part)' },
    ],
  };
}

/** One production API version, at the URL clients connect to. */
export function wellKnown(origin: string): Record<string, unknown> {
  return { versions: [{ url: openEoUrl(origin), api_version: API_VERSION, production: true }] };
}

export function conformance(): Record<string, unknown> {
  return { conformsTo: CONFORMS_TO };
}

/** GTiff for rasters (Cloud-Optimized); JSON and CSV for time series (aggregate_spatial). */
export function fileFormats(): Record<string, unknown> {
  return {
    input: {},
    output: {
      GTiff: {
        title: 'GeoTIFF (Cloud-Optimized)',
        description: 'A Cloud-Optimized GeoTIFF: float32 bands, NaN as no-data, overviews. Written by ASTRA\'s COG writer.',
        gis_data_types: ['raster'],
        parameters: {},
      },
      JSON: {
        title: 'JSON time series',
        description: 'The time series of `aggregate_spatial` as ASTRA\'s time-series result (entries per date with the statistics).',
        gis_data_types: ['table'],
        parameters: {},
      },
      CSV: {
        title: 'CSV time series',
        description: 'The time series of `aggregate_spatial` as a table, one row per date.',
        gis_data_types: ['table'],
        parameters: {},
      },
    },
  };
}

function collectionLinks(origin: string, c: LocalCollection): StacLink[] {
  return [
    { rel: 'self', href: openEoUrl(origin, `/collections/${c.id}`), type: 'application/json' },
    { rel: 'parent', href: openEoUrl(origin, '/collections'), type: 'application/json' },
    { rel: 'root', href: openEoUrl(origin), type: 'application/json' },
    { rel: 'related', href: `${origin}/api/v1/stac/collections/${c.source}:${c.upstream}`, type: 'application/json', title: 'The collection in ASTRA\'s STAC API' },
  ];
}

export function collectionList(origin: string): { collections: OpenEoCollection[]; links: StacLink[] } {
  return {
    collections: openEoCollections((c) => collectionLinks(origin, c)),
    links: [{ rel: 'self', href: openEoUrl(origin, '/collections'), type: 'application/json' }],
  };
}

export function collectionDocument(origin: string, c: LocalCollection): OpenEoCollection {
  return openEoCollection(c, collectionLinks(origin, c));
}

/** Every process the local engine runs, whatever `limit` asks: @openeo/js-client reads only the first page. */
export function processList(origin: string): Record<string, unknown> {
  return { processes: VENDORED_PROCESSES, links: [{ rel: 'self', href: openEoUrl(origin, '/processes'), type: 'application/json' }] };
}
