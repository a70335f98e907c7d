/**
 * What an ASTRA collection id (`<source>.<upstream collection>`, e.g. `sentinel-2.sentinel-2-l2a`,
 * `landsat.landsat-c2l2-sr`, `planetary-computer.landsat-c2-l2`) means for a remote back-end:
 * which mission family and processing level to look for, and ASTRA's band table for it (the one
 * naming of api.md: `B04`, `SCL`, `SR_B4`, `QA_PIXEL`) with common names and wavelengths to match
 * the back-end's `eo:bands` against.
 */
import { COMMON_NAME_FALLBACKS } from '../../../../workers/lib/indices';
import type { BandSpec } from '../../sources/normalize/band-spec';
import { LANDSAT_OLI_BANDS, LANDSAT_TM_BANDS } from '../../sources/normalize/landsat-bands';
import { SENTINEL_2_BANDS } from '../../sources/normalize/sentinel-2-bands';
import { RemoteOpenEoError } from './remote-errors';

export type MissionFamily = 'sentinel-2' | 'landsat';
export type ProcessingLevel = 'L1' | 'L2';

export interface AstraCollectionProfile {
  id: string;
  source: string;
  upstream: string;
  family: MissionFamily;
  /** Surface reflectance (L2) or top of atmosphere (L1). */
  level: ProcessingLevel;
}

const SOURCES = new Set(['sentinel-2', 'landsat', 'planetary-computer']);

/** Lower-case word tokens: `LANDSAT8-9_L2` → landsat8, 9, l2. */
export function tokens(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** L2 / L1 from an id or title (`SENTINEL2_L2A`, `TOC`, `Level 2`, `surface reflectance`); null when it says neither. */
export function levelOf(text: string): ProcessingLevel | null {
  const words = tokens(text);
  const lower = text.toLowerCase();
  const l2 = words.some((word) => /^(l2[a-z]?|c\d?l2|boa|toc|sr|level2)$/.test(word)) || /level[\s_-]?2|bottom[\s_-]of[\s_-]atmosphere|top[\s_-]of[\s_-]canopy|surface[\s_-]reflectance/.test(lower);
  const l1 = words.some((word) => /^(l1[a-z]?|c\d?l1|toa|level1)$/.test(word)) || /level[\s_-]?1|top[\s_-]of[\s_-]atmosphere/.test(lower);
  if (l2 && !l1) return 'L2';
  if (l1 && !l2) return 'L1';
  return null;
}

export function familyOf(text: string): MissionFamily | null {
  const lower = text.toLowerCase();
  if (/sentinel[\s_-]?2|(^|[^a-z0-9])s2([^a-z0-9]|[a-c]\b|$)/.test(lower)) return 'sentinel-2';
  if (/landsat/.test(lower)) return 'landsat';
  return null;
}

/** The profile of an ASTRA collection id, or `unmappable_collection` naming it. */
export function astraCollectionProfile(id: string, backendId: string): AstraCollectionProfile {
  const dot = id.indexOf('.');
  const source = dot > 0 ? id.slice(0, dot) : '';
  const upstream = dot > 0 ? id.slice(dot + 1) : '';
  const family = familyOf(upstream);
  const level = levelOf(upstream);
  if (!SOURCES.has(source) || !upstream) {
    throw new RemoteOpenEoError('unmappable_collection', backendId, `collection "${id}" is not an ASTRA collection id (<source>.<collection>, e.g. sentinel-2.sentinel-2-l2a); it cannot be mapped to ${backendId}`);
  }
  if (!family || !level) {
    throw new RemoteOpenEoError('unmappable_collection', backendId, `ASTRA collection ${id} has no known counterpart on remote back-ends (only Sentinel-2 and Landsat surface reflectance are mapped); run the job locally`);
  }
  return { id, source, upstream, family, level };
}

/**
 * ASTRA's bands of a family. Landsat band numbers depend on the sensor: OLI (Landsat 8/9) unless
 * every platform of the remote collection is an older TM/ETM+ one.
 */
export function astraBandTable(family: MissionFamily, remotePlatforms: readonly string[] = []): readonly BandSpec[] {
  if (family === 'sentinel-2') return SENTINEL_2_BANDS;
  const olderOnly = remotePlatforms.length > 0 && remotePlatforms.every((platform) => /landsat[\s_-]?[4-7]$/i.test(platform));
  return olderOnly ? LANDSAT_TM_BANDS : LANDSAT_OLI_BANDS;
}

/**
 * The band of ASTRA's table a graph names, as the local collections take them: by asset name
 * (`B04`, `SR_B4`), else by common name when exactly one band has it (`red`; `nir` falls back to
 * `nir08` on Landsat) — multi-sensor graphs name value bands by common name.
 */
export function astraBandSpec(table: readonly BandSpec[], name: string): BandSpec | undefined {
  const byAsset = table.find((band) => band.asset === name);
  if (byAsset) return byAsset;
  for (const candidate of [name, ...(Object.hasOwn(COMMON_NAME_FALLBACKS, name) ? COMMON_NAME_FALLBACKS[name] : [])]) {
    const named = table.filter((band) => band.commonName === candidate);
    if (named.length === 1) return named[0];
  }
  return undefined;
}

/** Every name a graph may use for a band of the table: asset names, unique common names and their fallbacks. */
export function astraBandNames(table: readonly BandSpec[]): string[] {
  const names = new Set<string>(table.map((band) => band.asset));
  for (const band of table) if (band.commonName) names.add(band.commonName);
  for (const name of Object.keys(COMMON_NAME_FALLBACKS)) names.add(name);
  return [...names].filter((name) => astraBandSpec(table, name) !== undefined);
}
