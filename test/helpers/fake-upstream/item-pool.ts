/**
 * The items each fake catalog serves: every real recorded item of that catalog, as recorded.
 * For volume tests, more items can be CLONED from the real ones with every date shifted by whole
 * days (ids, datetimes, product names and hrefs alike, so scene keys stay consistent); each clone
 * carries `properties["fake:clone_of"]` naming its real original.
 */
import { FIXTURE, fixtureFeatures, type Json } from './fixture-files';

export type CatalogName = 'earthSearch' | 'planetaryComputer' | 'landsatLook';

const POOL_FIXTURES: Record<CatalogName, string[]> = {
  earthSearch: [FIXTURE.esS2AndLandsatPage1, FIXTURE.esCql2Page1, FIXTURE.esCql2Page2, FIXTURE.esC1Tile13TDE, FIXTURE.esRasterItem29RKH],
  planetaryComputer: [FIXTURE.pcS2Search, FIXTURE.pcS2Tile13TDE, FIXTURE.pcS2Tile35MNM, FIXTURE.pcS2Item, FIXTURE.pcLandsatItems, FIXTURE.pcNaipPage1, FIXTURE.pcNaipPage2],
  landsatLook: [FIXTURE.llLandsat8, FIXTURE.llLandsat7],
};

function key(item: Json): string {
  return `${String(item.collection)}/${String(item.id)}`;
}

export function realItems(catalog: CatalogName): Json[] {
  const byKey = new Map<string, Json>();
  for (const path of POOL_FIXTURES[catalog]) {
    for (const item of fixtureFeatures(path)) if (!byKey.has(key(item))) byKey.set(key(item), item);
  }
  return [...byKey.values()].map((item) => structuredClone(item));
}

const COMPACT_DATE = /(?<!\d)((?:19[7-9]\d|20[0-4]\d)(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(?!\d)/g;
const ISO_DATE = /(?<!\d)(\d{4}-\d{2}-\d{2})(?=T\d{2}:\d{2})/g;

function shiftDay(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

function shiftCompact(text: string, days: number): string {
  return text.replace(COMPACT_DATE, (match) => {
    const date = new Date(Date.UTC(Number(match.slice(0, 4)), Number(match.slice(4, 6)) - 1, Number(match.slice(6, 8))));
    return shiftDay(date, days).toISOString().slice(0, 10).replace(/-/g, '');
  });
}

function shiftIso(text: string, days: number): string {
  return text.replace(ISO_DATE, (match) => shiftDay(new Date(`${match}T00:00:00Z`), days).toISOString().slice(0, 10));
}

/** A copy of a real item `days` days earlier or later; geometry and pixels metadata unchanged. */
export function cloneItemShifted(item: Json, days: number): Json {
  const shift = (value: unknown): unknown => JSON.parse(shiftIso(shiftCompact(JSON.stringify(value), days), days));
  const clone = structuredClone(item);
  clone.id = shift(item.id);
  clone.properties = { ...(shift(item.properties) as Json), 'fake:clone_of': item.id };
  clone.assets = shift(item.assets);
  return clone;
}

/**
 * `count` clones of `bases`, round-robin, each pass one more day into the past; ids that would
 * collide with an existing item are skipped.
 */
export function volumeItems(bases: Json[], existing: Json[], count: number): Json[] {
  const taken = new Set(existing.map(key));
  const clones: Json[] = [];
  for (let pass = 1; clones.length < count && pass <= count + 1; pass += 1) {
    for (const base of bases) {
      if (clones.length >= count) break;
      const clone = cloneItemShifted(base, -pass);
      if (taken.has(key(clone))) continue;
      taken.add(key(clone));
      clones.push(clone);
    }
  }
  return clones;
}
