/**
 * The EPSG registry as the npm package epsg-index publishes it: one small JSON file per code
 * (`s/<code>.json`: kind, name, PROJ string, unit), generated from the EPSG dataset by PROJ.
 *
 * Read lazily, one code at a time and only for codes beyond crs.ts's built-in ones, through Node's
 * module loader: static package data loaded like an import (this library still does no I/O on
 * anyone's data and fetches nothing). The source files, the main bundle and the self-contained
 * worker bundles all resolve the package from the node_modules beside them; the packaged app
 * unpacks its `s/` folder from app.asar so worker threads reach it (electron-builder.yml).
 */
import { createRequire } from 'node:module';

/** One entry of the index (only the fields used here). */
export interface EpsgEntry {
  /** 'CRS-PROJCRS', 'CRS-GEOGCRS', 'CRS-GEOG3DCRS', 'CRS-GCENCRS', 'CRS-VERTCRS', 'CRS-COMPOUNDCRS', … */
  kind: string;
  name: string;
  /** The PROJ string; null for the few CRSs PROJ cannot express as one. */
  proj4: string | null;
  unit: string | null;
}

/** Codes of the index past the EPSG dataset's range are ESRI's and other registries' (ESRI:54009, ESRI:102100, …). */
const LAST_EPSG_CODE = 32766;

const load = createRequire(import.meta.url);
const entries = new Map<number, EpsgEntry | null>();

function isMissingModule(error: unknown): boolean {
  return (error as { code?: string }).code === 'MODULE_NOT_FOUND';
}

function read(code: number): EpsgEntry | null {
  try {
    return load(`epsg-index/s/${code}.json`) as EpsgEntry;
  } catch (error) {
    if (!isMissingModule(error)) throw error;
  }
  try {
    load.resolve('epsg-index/s/4326.json');
  } catch (error) {
    if (isMissingModule(error)) throw new Error('the EPSG index (npm package epsg-index) is not installed', { cause: error });
    throw error;
  }
  return null;
}

/** The index's entry for an EPSG code; null when the EPSG dataset has no such code. */
export function epsgEntry(code: number): EpsgEntry | null {
  if (!Number.isInteger(code) || code <= 0 || code > LAST_EPSG_CODE) return null;
  let entry = entries.get(code);
  if (entry === undefined) {
    entry = read(code);
    entries.set(code, entry);
  }
  return entry;
}
