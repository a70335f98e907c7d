/**
 * The EPSG index is read lazily: nothing of it for the built-in CRSs (UTM, 4326, 3857), then only
 * the one small file of each other code asked for, once (Node's module cache shows what was read).
 */
import { createRequire } from 'node:module';
import { basename, sep } from 'node:path';
import { expect, it } from 'vitest';
import { createPointTransform, crsInfo } from '../../../workers/lib/geo/crs';

const moduleCache = createRequire(import.meta.url).cache;
const indexFiles = (): string[] => Object.keys(moduleCache).filter((path) => path.includes(`${sep}epsg-index${sep}`)).map((path) => basename(path)).sort();

it('reads nothing of the index for the built-in CRSs, then one file per code beyond them', () => {
  const before = indexFiles();
  crsInfo('EPSG:4326');
  crsInfo(3857);
  crsInfo('epsg:32633');
  createPointTransform(4326, 32718);
  expect(indexFiles()).toEqual(before);
  expect(before).not.toContain('2056.json');

  crsInfo('EPSG:2056');
  createPointTransform('EPSG:2056', 4326);
  crsInfo('EPSG:28992');
  expect(indexFiles()).toEqual([...before, '2056.json', '28992.json'].sort());
  // A code past the EPSG range is refused without reading anything.
  expect(() => crsInfo('EPSG:999999')).toThrow(/unknown CRS/);
  expect(indexFiles()).toEqual([...before, '2056.json', '28992.json'].sort());
});
