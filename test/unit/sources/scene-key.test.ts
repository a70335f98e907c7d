import { describe, expect, it } from 'vitest';
import { normalizeItems } from '../../../electron/service/sources/normalize/normalize-item';
import type { StacItem } from '../../../electron/service/stac/types';
import { FIXTURE, fixtureFeatures, type Json } from '../../helpers/fake-upstream/fixture-files';
import { ES_ORIGIN, LL_ORIGIN, PC_ORIGIN } from './normalize-fixtures';

function keyOf(item: StacItem): string {
  return String(item.properties['astra:scene_key']);
}

/** One acquisition = one datatake: its id (e.g. GS2B_20250731T130249_043787_N05.11) without the baseline. */
function datatake(raw: Json): string {
  return String((raw.properties as Json)['s2:datatake_id']).replace(/_N\d\d\.\d\d$/, '');
}

function tileOf(raw: Json): string {
  return String((raw.properties as Json)['grid:code']).replace('MGRS-', '');
}

describe('scene keys of the same acquisition in two Earth Search collections', () => {
  // The cql2 recordings hold six acquisitions both as sentinel-2-l2a and as sentinel-2-c1-l2a items,
  // with different ids (S2B_24MVV_20250731_0_L2A vs S2B_T24MVV_20250731T130245_L2A) and baselines.
  const raws = [FIXTURE.esCql2Page1, FIXTURE.esCql2Page2].flatMap(fixtureFeatures)
    .filter((raw) => raw.collection === 'sentinel-2-l2a' || raw.collection === 'sentinel-2-c1-l2a');
  const items = normalizeItems(raws, ES_ORIGIN).items;

  it('are equal exactly when datatake and tile are equal', () => {
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i < raws.length; i += 1) {
      for (let j = i + 1; j < raws.length; j += 1) {
        const same = datatake(raws[i]) === datatake(raws[j]) && tileOf(raws[i]) === tileOf(raws[j]);
        expect(keyOf(items[i]) === keyOf(items[j]), `${String(raws[i].id)} vs ${String(raws[j].id)}`).toBe(same);
        if (same) pairs.push([String(raws[i].collection), String(raws[j].collection)]);
      }
    }
    expect(pairs.length).toBe(6);
    for (const pair of pairs) expect(new Set(pair)).toEqual(new Set(['sentinel-2-l2a', 'sentinel-2-c1-l2a']));
  });
});

describe('scene keys of tile 13TDE across Earth Search and Planetary Computer', () => {
  const es = normalizeItems([fixtureFeatures(FIXTURE.esS2AndLandsatPage1)[0], ...fixtureFeatures(FIXTURE.esC1Tile13TDE)], ES_ORIGIN).items;
  const pcRaws = fixtureFeatures(FIXTURE.pcS2Tile13TDE);
  const pc = normalizeItems(pcRaws, PC_ORIGIN).items;

  it('share the tile and use the datatake time both catalogs agree on, not their differing datetimes', () => {
    // ES stamps the granule time (18:02:55), PC the datatake start: keys must not depend on that.
    const esRaw = fixtureFeatures(FIXTURE.esS2AndLandsatPage1)[0];
    const esDatatakeTime = /_(\d{8}T\d{6})_/.exec(datatake(esRaw))?.[1];
    expect(keyOf(es[0])).toBe(`sentinel-2a_13TDE_${String(esDatatakeTime)}`);
    expect((esRaw.properties as Json).datetime).not.toContain(String(esDatatakeTime).slice(9, 11) + ':' + String(esDatatakeTime).slice(11, 13));
    pc.forEach((item, i) => {
      const pcDatatakeTime = /_(\d{8}T\d{6})_/.exec(datatake(pcRaws[i]))?.[1];
      expect(keyOf(item)).toBe(`${item.properties.platform}_13TDE_${String(pcDatatakeTime)}`);
      expect(String(pcRaws[i].id)).toContain(String(pcDatatakeTime));
    });
  });

  it('differ, because the recordings hold no common date for 13TDE (2023-10, 2024-03/04, 2024-08)', () => {
    const keys = [...es, ...pc].map(keyOf);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('Landsat scene keys', () => {
  it('are platform, WRS path/row and the scene time to the second, whatever the catalog', () => {
    const cases: Array<[Json, typeof LL_ORIGIN]> = [
      [fixtureFeatures(FIXTURE.llLandsat8)[0], LL_ORIGIN],
      [fixtureFeatures(FIXTURE.esS2AndLandsatPage1)[1], ES_ORIGIN],
      [fixtureFeatures(FIXTURE.pcLandsatItems)[0], PC_ORIGIN],
    ];
    for (const [raw, origin] of cases) {
      const [item] = normalizeItems([raw], origin).items;
      const props = raw.properties as Json;
      const seconds = new Date(Math.round(Date.parse(String(props.datetime)) / 1000) * 1000).toISOString().replace(/[-:]|\.\d+Z$/g, '');
      const platform = `landsat-${String(raw.id).slice(3, 4)}`;
      expect(keyOf(item)).toBe(`${platform}_${String(props['landsat:wrs_path'])}${String(props['landsat:wrs_row'])}_${seconds}`);
    }
  });
});
