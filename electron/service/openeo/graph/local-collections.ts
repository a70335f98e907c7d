/**
 * The collections of the local openEO back-end: one per (source, upstream collection) the sources
 * search by default, with the id `<source>.<upstream collection>` — openEO collection ids must
 * match `^[\w\-\.~\/]+$`, so the STAC API's `sentinel-2:sentinel-2-l2a` cannot be used. Bands are
 * the sources' own tables (asset name = openEO band name, plus its STAC common name). Pure.
 */
import type { SourceId } from '../../stac/types';
import { KNOWN_SOURCE_IDS } from '../../search/scoped-id';
import { COMMON_NAME_FALLBACKS } from '../../../../workers/lib/indices';
import {
  EARTH_SEARCH_DEFAULT_COLLECTIONS,
  LANDSATLOOK_DEFAULT_COLLECTIONS,
  LANDSAT_OLI_BANDS,
  PLANETARY_COMPUTER_DEFAULT_COLLECTIONS,
  SENTINEL_2_BANDS,
  type BandSpec,
} from '../../sources';

export type Sensor = 'sentinel-2-msi' | 'landsat-oli';

export interface LocalCollection {
  /** openEO collection id, e.g. `sentinel-2.sentinel-2-l2a`. */
  id: string;
  source: SourceId;
  /** The upstream (STAC API) collection id, e.g. `sentinel-2-l2a`. */
  upstream: string;
  sensor: Sensor;
  /** The service's band table for this sensor (asset names `B04`, `SR_B4`, …). */
  bands: readonly BandSpec[];
  /** The per-pixel cloud mask band: SCL classes (Sentinel-2) or QA_PIXEL bits (Landsat). */
  maskBand: 'SCL' | 'QA_PIXEL';
}

const DEFAULT_COLLECTIONS: Readonly<Record<SourceId, readonly string[]>> = {
  'sentinel-2': EARTH_SEARCH_DEFAULT_COLLECTIONS,
  landsat: LANDSATLOOK_DEFAULT_COLLECTIONS,
  'planetary-computer': PLANETARY_COMPUTER_DEFAULT_COLLECTIONS,
};

/** The upstream collections a source searches when a job names none. */
export function defaultCollectionsOf(source: SourceId): readonly string[] {
  return DEFAULT_COLLECTIONS[source];
}

export function formatCollectionId(source: SourceId, upstream: string): string {
  return `${source}.${upstream}`;
}

function sensorOf(upstream: string): Sensor {
  // NOTE: every default collection is one of the two sensors; the upstream id says which.
  if (upstream.startsWith('sentinel-2')) return 'sentinel-2-msi';
  if (upstream.startsWith('landsat')) return 'landsat-oli';
  throw new Error(`no band table for collection ${upstream}`);
}

function collection(source: SourceId, upstream: string): LocalCollection {
  const sensor = sensorOf(upstream);
  return {
    id: formatCollectionId(source, upstream),
    source,
    upstream,
    sensor,
    bands: sensor === 'sentinel-2-msi' ? SENTINEL_2_BANDS : LANDSAT_OLI_BANDS,
    maskBand: sensor === 'sentinel-2-msi' ? 'SCL' : 'QA_PIXEL',
  };
}

/** In source order (sentinel-2, landsat, planetary-computer), each source's collections in its own order. */
export const LOCAL_COLLECTIONS: readonly LocalCollection[] = KNOWN_SOURCE_IDS.flatMap((source) =>
  DEFAULT_COLLECTIONS[source].map((upstream) => collection(source, upstream)));

const BY_ID = new Map(LOCAL_COLLECTIONS.map((c) => [c.id, c]));

/** The local collection an openEO collection id names, or undefined. */
export function parseCollectionId(id: string): LocalCollection | undefined {
  return BY_ID.get(id);
}

export function collectionOf(source: SourceId, upstream: string): LocalCollection | undefined {
  return BY_ID.get(formatCollectionId(source, upstream));
}

/** Sorted into LOCAL_COLLECTIONS order, duplicates removed. */
export function inCanonicalOrder(collections: Iterable<LocalCollection>): LocalCollection[] {
  const ids = new Set([...collections].map((c) => c.id));
  return LOCAL_COLLECTIONS.filter((c) => ids.has(c.id));
}

/** The common name of a band (asset name or common name) of this collection, if it has one. */
export function commonNameOf(c: LocalCollection, band: string): string | undefined {
  const spec = c.bands.find((b) => b.asset === band);
  return spec ? spec.commonName : c.bands.some((b) => b.commonName === band) ? band : undefined;
}

/** A band name a collection answers to: an asset name, a common name, or a common-name fallback (`nir` → `nir08`). */
export function isKnownBand(collection: LocalCollection, name: string): boolean {
  const has = (n: string) => collection.bands.some((b) => b.asset === n || b.commonName === n);
  return has(name) || (Object.hasOwn(COMMON_NAME_FALLBACKS, name) && COMMON_NAME_FALLBACKS[name].some(has));
}

/** "B01 (coastal), B02 (blue), …, SCL" for messages. */
export function bandList(collection: LocalCollection): string {
  return collection.bands.map((b) => (b.commonName ? `${b.asset} (${b.commonName})` : b.asset)).join(', ');
}
