/** The three upstream catalogs as `SourceAdapter`s, configured with their base URLs. */
import { createEarthSearchSource, EARTH_SEARCH_DATA_HOSTS } from './earth-search/earth-search-source';
import { createLandsatLookSource, LANDSATLOOK_DATA_HOSTS } from './landsatlook/landsatlook-source';
import { createPlanetaryComputerSource, PLANETARY_COMPUTER_DATA_HOSTS } from './planetary-computer/planetary-computer-source';
import type { SourceAdapter } from './types';

export interface SourceUrls {
  /** ASTRA_EARTH_SEARCH_URL */
  earthSearchUrl: string;
  /** ASTRA_LANDSATLOOK_URL */
  landsatLookUrl: string;
  /** ASTRA_PLANETARY_COMPUTER_URL */
  planetaryComputerUrl: string;
}

/** Hosts the sources' items keep their bytes on, each list kept by its source module (assets/data-host-policy.ts). */
export const SOURCE_DATA_HOSTS: readonly string[] = [...EARTH_SEARCH_DATA_HOSTS, ...LANDSATLOOK_DATA_HOSTS, ...PLANETARY_COMPUTER_DATA_HOSTS];

/** In api.md order: sentinel-2, landsat, planetary-computer. */
export function createSources(options: SourceUrls): SourceAdapter[] {
  return [
    createEarthSearchSource({ url: options.earthSearchUrl }),
    createLandsatLookSource({ url: options.landsatLookUrl }),
    createPlanetaryComputerSource({ url: options.planetaryComputerUrl }),
  ];
}

export { createEarthSearchSource, EARTH_SEARCH_DEFAULT_COLLECTIONS } from './earth-search/earth-search-source';
export { createLandsatLookSource, LANDSATLOOK_DEFAULT_COLLECTIONS } from './landsatlook/landsatlook-source';
export { createPlanetaryComputerSource, PLANETARY_COMPUTER_DEFAULT_COLLECTIONS } from './planetary-computer/planetary-computer-source';
export { normalizeItem, normalizeItems, type NormalizeResult, type NormalizedPage } from './normalize/normalize-item';
export type { ItemOrigin, UpstreamCatalog } from './normalize/item-origin';
export type { Radiometry } from './normalize/radiometry';
export { repairFootprint, geometryBbox } from './normalize/antimeridian';
export { SENTINEL_2_BANDS } from './normalize/sentinel-2-bands';
export { LANDSAT_OLI_BANDS, LANDSAT_TM_BANDS } from './normalize/landsat-bands';
export type { BandSpec, EoCommonName } from './normalize/band-spec';
export * from './types';
