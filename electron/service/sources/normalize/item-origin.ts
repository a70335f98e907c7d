/** Where an upstream item came from; normalization depends on it (ids, provider, radiometry rules). */
import type { SourceId } from '../../stac/types';

export type UpstreamCatalog = 'earth-search' | 'landsatlook' | 'planetary-computer';

export type Provider = 'copernicus' | 'usgs' | 'microsoft';

export interface ItemOrigin {
  source: SourceId;
  provider: Provider;
  catalog: UpstreamCatalog;
  /** Upstream STAC API root, for the item's `via` link. */
  upstreamUrl?: string;
}

export const EARTH_SEARCH_ORIGIN: Omit<ItemOrigin, 'upstreamUrl'> = { source: 'sentinel-2', provider: 'copernicus', catalog: 'earth-search' };
export const LANDSATLOOK_ORIGIN: Omit<ItemOrigin, 'upstreamUrl'> = { source: 'landsat', provider: 'usgs', catalog: 'landsatlook' };
export const PLANETARY_COMPUTER_ORIGIN: Omit<ItemOrigin, 'upstreamUrl'> = { source: 'planetary-computer', provider: 'microsoft', catalog: 'planetary-computer' };
