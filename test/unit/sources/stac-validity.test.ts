/**
 * Every normalized item validates against the official STAC 1.0.0 Item schema and each extension
 * schema it declares (offline copies in the shared fixtures). All schema checks live in this one
 * file because compiling the schemas costs seconds per process.
 */
import { describe, expect, it } from 'vitest';
import { STAC_EXTENSIONS } from '../../../electron/service/sources/normalize/assemble-item';
import { normalizeItems } from '../../../electron/service/sources/normalize/normalize-item';
import type { ItemOrigin } from '../../../electron/service/sources/normalize/item-origin';
import type { StacItem } from '../../../electron/service/stac/types';
import { FIXTURE, fixtureFeatures } from '../../helpers/fake-upstream/fixture-files';
import { validateStacItem } from '../../helpers/stac-validator';
import { ES_ORIGIN, LL_ORIGIN, PC_ORIGIN } from './normalize-fixtures';

const CASES: Array<[string, ItemOrigin, string[]]> = [
  ['Earth Search', ES_ORIGIN, [FIXTURE.esS2AndLandsatPage1, FIXTURE.esCql2Page1, FIXTURE.esCql2Page2, FIXTURE.esC1Tile13TDE, FIXTURE.esRasterItem29RKH, FIXTURE.antimeridianS2]],
  ['Planetary Computer', PC_ORIGIN, [FIXTURE.pcS2Search, FIXTURE.pcS2Tile13TDE, FIXTURE.pcS2Tile35MNM, FIXTURE.pcS2Item, FIXTURE.pcLandsatItems, FIXTURE.pcNaipPage1, FIXTURE.pcNaipPage2]],
  ['LandsatLook', LL_ORIGIN, [FIXTURE.llLandsat8, FIXTURE.llLandsat7]],
];

describe('the validator itself', () => {
  const [sample] = normalizeItems(fixtureFeatures(FIXTURE.esC1Tile13TDE), ES_ORIGIN).items;

  it('rejects real upstream items that are invalid, and broken copies of a valid one', () => {
    // Extension lists trimmed so that no further schema needs compiling (seconds each).
    const rasterItem = fixtureFeatures(FIXTURE.esRasterItem29RKH)[0];
    expect(validateStacItem({ ...rasterItem, stac_extensions: [] }).join('\n')).toMatch(/collection/);
    const landsatLook = fixtureFeatures(FIXTURE.llLandsat8)[0];
    const landsatExtension = (landsatLook.stac_extensions as string[]).filter((url) => url.includes('landsat-extension'));
    expect(validateStacItem({ ...landsatLook, stac_extensions: landsatExtension }).join('\n')).toMatch(/landsat-extension.*not available offline/);
    const cloudy: StacItem = structuredClone(sample);
    cloudy.properties['eo:cloud_cover'] = 120;
    expect(validateStacItem(cloudy).join('\n')).toContain(STAC_EXTENSIONS.eo);
    const badBand: StacItem = structuredClone(sample);
    badBand.assets.B05['eo:bands'] = [{ name: 'B05', common_name: 'rededge1' }];
    expect(validateStacItem(badBand).join('\n')).toMatch(/allowed values/);
    const noTime = structuredClone(sample) as unknown as { properties: Record<string, unknown> };
    delete noTime.properties.datetime;
    expect(validateStacItem(noTime).length).toBeGreaterThan(0);
    const badTransform: StacItem = structuredClone(sample);
    badTransform.assets.B04['proj:transform'] = [10, 0, 0];
    expect(validateStacItem(badTransform).join('\n')).toContain(STAC_EXTENSIONS.projection);
  });
});

describe.each(CASES)('every recorded %s item, normalized', (_name, origin, fixtures) => {
  it('is a valid STAC 1.0.0 item with valid extensions', () => {
    const raws = fixtures.flatMap(fixtureFeatures);
    const page = normalizeItems(raws, origin);
    expect(page.skipped).toBe(0);
    expect(page.items).toHaveLength(raws.length);
    for (const item of page.items) {
      expect(validateStacItem(item), item.id).toEqual([]);
      expect(item.stac_extensions.length).toBeGreaterThan(0);
    }
  });
});
