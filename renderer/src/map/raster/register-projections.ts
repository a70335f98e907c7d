/**
 * COGs come in UTM (and a few polar grids). OpenLayers knows only EPSG:4326/3857 by itself and
 * would look others up on the web, which the page may not reach; definitions are made here,
 * offline, for every UTM zone and the common polar stereographic grids.
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

let registered = false;

export function registerOfflineProjections(): void {
  if (registered) return;
  registered = true;
  register(proj4);
  setProjectionCodeLookup(async (code: string) => {
    const definition = offlineDefinition(code);
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
