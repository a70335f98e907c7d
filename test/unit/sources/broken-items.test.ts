import { describe, expect, it } from 'vitest';
import { normalizeItems } from '../../../electron/service/sources/normalize/normalize-item';
import { FIXTURE, fixtureFeatures, type Json } from '../../helpers/fake-upstream/fixture-files';
import { brokenCopies, PC_ORIGIN } from './normalize-fixtures';

describe('bad upstream data', () => {
  const [real] = fixtureFeatures(FIXTURE.pcS2Tile13TDE);
  const broken = brokenCopies(real);

  it.each(broken)('skips an item with %s, without throwing', (_case, raw) => {
    const page = normalizeItems([raw], PC_ORIGIN);
    expect(page).toMatchObject({ items: [], skipped: 1 });
    expect(page.reasons[0]).toEqual(expect.any(String));
  });

  it('keeps the good items of a page and counts the bad ones', () => {
    const raws = [real, ...broken.map(([, raw]) => raw), fixtureFeatures(FIXTURE.pcS2Tile13TDE)[1]];
    const page = normalizeItems(raws, PC_ORIGIN);
    expect(page.items.map((item) => item.id)).toEqual(fixtureFeatures(FIXTURE.pcS2Tile13TDE).map((item) => `planetary-computer:${String(item.id)}`));
    expect(page.skipped).toBe(broken.length);
  });

  it('treats an unknown cloud cover (absent, null, USGS -1) as unknown, not as bad', () => {
    for (const value of [undefined, null, -1]) {
      const item = structuredClone(real);
      (item.properties as Json)['eo:cloud_cover'] = value;
      const page = normalizeItems([item], PC_ORIGIN);
      expect(page.skipped).toBe(0);
      expect(page.items[0].properties['eo:cloud_cover']).toBeUndefined();
    }
  });

  it('drops asset entries it cannot read but keeps the item', () => {
    const item = structuredClone(real);
    const assets = item.assets as Json;
    assets.B04 = { title: 'no href' };
    assets.B03 = 'not an asset';
    const [normalized] = normalizeItems([item], PC_ORIGIN).items;
    expect(normalized.assets.B04).toBeUndefined();
    expect(normalized.assets.B03).toBeUndefined();
    expect(normalized.assets.B02.href).toBe((assets.B02 as Json).href);
  });
});
