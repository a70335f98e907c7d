/**
 * Groups scenes into acquisitions: same platform, same solar day, as odc-stac's
 * `groupby="solar_day"` does, so that the overlapping tiles of one satellite pass are mosaicked
 * into one observation before time is reduced.
 *
 * Solar day as odc-stac computes it (odc/stac/model.py `_convert_to_solar_time`): the UTC datetime
 * shifted by the longitude in whole hours, truncated toward zero — offset = trunc(lon / 15) h —
 * then its calendar date. The longitude is each scene's footprint centroid (odc-stac's
 * `ParsedItem.solar_date`), or one longitude for all scenes when `options.longitude` is given
 * (newer odc-stac passes the centre of the area being loaded; that choice never splits one pass
 * whose tiles straddle a 15° boundary). A scene without a usable longitude (NaN) keeps its UTC date.
 *
 * Order: within a group, scenes by (datetime, id) — odc-stac's default — so "first valid wins"
 * mosaicking is deterministic; groups by (earliest datetime, platform, solar day).
 */
export interface SceneObservation {
  readonly id: string;
  /** STAC `platform`; compared case-insensitively (`LANDSAT_8` = `landsat-8`). */
  readonly platform: string;
  /** RFC 3339 date-time (STAC `datetime`). */
  readonly datetime: string;
  /** Longitude of the scene footprint's centroid, degrees east. */
  readonly longitude: number;
}

export interface SolarDayGroup<T extends SceneObservation> {
  /** The solar day, `YYYY-MM-DD`. */
  readonly label: string;
  /** Normalised platform: lower case, `_` → `-`. */
  readonly platform: string;
  /** UTC ISO datetime of the group's earliest scene. */
  readonly datetime: string;
  readonly scenes: readonly T[];
}

export interface SolarDayOptions {
  /** One longitude for every scene (e.g. the area's centre) instead of each footprint centroid. */
  readonly longitude?: number;
}

const HOUR_MS = 3_600_000;

/** Whole hours added to UTC: trunc(lon / 15), the longitude first brought into [−180, 180]. */
export function solarOffsetHours(longitude: number): number {
  if (!Number.isFinite(longitude)) return 0;
  const lon = longitude >= -180 && longitude <= 180 ? longitude : ((((longitude + 180) % 360) + 360) % 360) - 180;
  return Math.trunc(lon / 15) || 0; // never −0
}

function epochMs(datetime: string, id: string): number {
  const ms = Date.parse(datetime);
  if (!Number.isFinite(ms)) throw new Error(`scene '${id}' has no valid datetime ('${datetime}')`);
  return ms;
}

/** The solar day (`YYYY-MM-DD`) of an instant seen from a longitude. */
export function solarDay(datetime: string, longitude: number): string {
  return solarDayOfMs(epochMs(datetime, datetime), longitude);
}

function solarDayOfMs(ms: number, longitude: number): string {
  return new Date(ms + solarOffsetHours(longitude) * HOUR_MS).toISOString().slice(0, 10);
}

/** STAC `platform` spellings made comparable: `LANDSAT_8` → `landsat-8`, `Sentinel-2A` → `sentinel-2a`. */
export function normalizePlatformName(platform: string): string {
  return platform.trim().toLowerCase().replace(/_/g, '-');
}

export function groupBySolarDay<T extends SceneObservation>(scenes: readonly T[], options: SolarDayOptions = {}): SolarDayGroup<T>[] {
  const keyed = scenes.map((scene) => {
    const ms = epochMs(scene.datetime, scene.id);
    const platform = normalizePlatformName(scene.platform);
    const label = solarDayOfMs(ms, options.longitude ?? scene.longitude);
    return { scene, ms, platform, label, key: `${platform}\u0000${label}` };
  });
  keyed.sort((a, b) => a.ms - b.ms || compareText(a.scene.id, b.scene.id));
  const groups = new Map<string, { label: string; platform: string; ms: number; scenes: T[] }>();
  for (const k of keyed) {
    const group = groups.get(k.key);
    if (group) group.scenes.push(k.scene);
    else groups.set(k.key, { label: k.label, platform: k.platform, ms: k.ms, scenes: [k.scene] });
  }
  return [...groups.values()]
    .sort((a, b) => a.ms - b.ms || compareText(a.platform, b.platform) || compareText(a.label, b.label))
    .map((g) => ({ label: g.label, platform: g.platform, datetime: new Date(g.ms).toISOString(), scenes: g.scenes }));
}

/** Code-unit order (as Python's str comparison), not locale order, so results never depend on the machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
