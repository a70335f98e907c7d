/**
 * Landsat pixels are read from Planetary Computer (providers.md §0.5): USGS LandsatLook https
 * hrefs redirect to a login and the S3 copies are requester-pays. Which hrefs need another route,
 * and which Planetary Computer items may hold the same scene. Pure.
 */
import type { StacItem } from '../stac/types';

const LOGIN_WALLED_HOSTS = new Set(['landsatlook.usgs.gov']);

/** True for hrefs an anonymous reader cannot fetch (LandsatLook https, requester-pays s3://). */
export function needsAlternateRoute(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === 's3:' || LOGIN_WALLED_HOSTS.has(url.hostname.toLowerCase());
  } catch {
    return false;
  }
}

/**
 * Planetary Computer scene ids that may be the same acquisition: the ones the federation recorded
 * in `astra:alternates`, then the LandsatLook id without its `_SR`/`_ST` product suffix (PC
 * `landsat-c2-l2` ids have none: providers.md §2.6).
 */
export function alternateSceneIds(item: StacItem): string[] {
  const ids: string[] = [];
  const declared = item.properties['astra:alternates'];
  if (Array.isArray(declared)) {
    for (const id of declared) if (typeof id === 'string' && id.startsWith('planetary-computer:')) ids.push(id);
  }
  const colon = item.id.indexOf(':');
  if (item.id.slice(0, colon) === 'landsat') ids.push(`planetary-computer:${item.id.slice(colon + 1).replace(/_(SR|ST)$/i, '')}`);
  return [...new Set(ids)];
}
