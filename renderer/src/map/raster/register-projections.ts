/**
 * COGs come in UTM (and a few polar grids); area results in any CRS the service accepts.
 * OpenLayers knows only EPSG:4326/3857 by itself and would look others up on the web, which the
 * page may not reach; definitions are made here for every UTM zone and the common polar
 * stereographic grids, and asked of the local service for the rest.
 */
import proj4 from 'proj4';
import { register, setProjectionCodeLookup } from 'ol/proj/proj4';

const POLAR: Record<string, string> = {
  'EPSG:3031': '+proj=stere +lat_0=-90 +lat_ts=-71 +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs',
  'EPSG:3413': '+proj=stere +lat_0=90 +lat_ts=70 +lon_0=-45 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs',
  'EPSG:3995': '+proj=stere +lat_0=90 +lat_ts=71 +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs',
};

/** proj4 definition of an EPSG code this app can handle offline, or null. */
export function offlineDefinition(code: string): string | null {
  const match = /^EPSG:(32[67])(\d{2})$/i.exec(code.trim());
  if (match) {
    const zone = Number(match[2]);
    if (zone < 1 || zone > 60) return null;
    return `+proj=utm +zone=${zone}${match[1] === '327' ? ' +south' : ''} +datum=WGS84 +units=m +no_defs`;
  }
  return POLAR[code.toUpperCase()] ?? null;
}

/** Asks the local service for a code's definition (GET /api/v1/crs/{code}); null when it has none. */
export type ServiceProjectionLookup = (code: string) => Promise<string | null>;

let registered = false;
let serviceLookup: ServiceProjectionLookup | null = null;

/**
 * Codes are resolved here first, then by the service (any CRS it made a result in: its offline
 * EPSG index), never on the web.
 */
export function registerOfflineProjections(lookup?: ServiceProjectionLookup): void {
  if (lookup) serviceLookup = lookup;
  if (registered) return;
  registered = true;
  register(proj4);
  setProjectionCodeLookup(async (code: string) => {
    const definition = offlineDefinition(code) ?? (await serviceLookup?.(code).catch(() => null)) ?? null;
    if (!definition) throw new Error(`Projection ${code} is not available offline`);
    return definition;
  });
}

/** Makes a code known up front (when the item's `proj:epsg` or a job's `crs` names it). */
export function ensureProjection(code: string | null | undefined): void {
  registerOfflineProjections();
  if (!code || proj4.defs(code)) return;
  const definition = offlineDefinition(code);
  if (!definition) return;
  proj4.defs(code, definition);
  register(proj4);
}
