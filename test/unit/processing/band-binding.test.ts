/** Expression identifiers → a scene's bands, radiometry and cloud mask, on normalized real items. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EARTH_SEARCH_ORIGIN, LANDSATLOOK_ORIGIN, type ItemOrigin } from '../../../electron/service/sources/normalize/item-origin';
import { normalizeItem } from '../../../electron/service/sources/normalize/normalize-item';
import type { StacItem } from '../../../electron/service/stac/types';
import { bindBands } from '../../../electron/service/processing/scene/band-binding';
import { maskBandOf } from '../../../electron/service/processing/scene/mask-band';
import { FIXTURE } from '../../helpers/fake-upstream/fixture-files';
import { fixturePath } from '../../helpers/fixtures';

function normalized(path: string, origin: ItemOrigin): StacItem {
  const result = normalizeItem(JSON.parse(readFileSync(path, 'utf8')), origin);
  if (!result.ok) throw new Error(result.reason);
  return result.item;
}

const s2 = normalized(fixturePath(FIXTURE.esRasterItem29RKH), EARTH_SEARCH_ORIGIN);
const landsat = normalized(fixturePath(FIXTURE.llLandsat8), LANDSATLOOK_ORIGIN);

describe('bindBands', () => {
  it('binds common names and asset keys to Sentinel-2 bands with the item\'s radiometry', () => {
    expect(bindBands(s2, ['nir', 'red', 'B11'], 'index')).toEqual([
      { name: 'nir', asset: 'B08', sample: 0, common_name: 'nir', scale: 0.0001, offset: 0, nodata: 0 },
      { name: 'red', asset: 'B04', sample: 0, common_name: 'red', scale: 0.0001, offset: 0, nodata: 0 },
      { name: 'B11', asset: 'B11', sample: 0, common_name: 'swir16', scale: 0.0001, offset: 0, nodata: 0 },
    ]);
  });

  it('reads nir08 (SR_B5) for "nir" on Landsat, with the USGS factors', () => {
    expect(bindBands(landsat, ['nir', 'red'], 'index')).toEqual([
      { name: 'nir', asset: 'SR_B5', sample: 0, common_name: 'nir08', scale: 0.0000275, offset: -0.2, nodata: 0 },
      { name: 'red', asset: 'SR_B4', sample: 0, common_name: 'red', scale: 0.0000275, offset: -0.2, nodata: 0 },
    ]);
  });

  it('finds a band inside a multi-band asset, and refuses to guess which band an asset key means', () => {
    const multi = {
      ...s2,
      assets: {
        image: {
          href: 'http://x/image.tif', type: 'image/tiff; application=geotiff; profile=cloud-optimized', roles: ['data'],
          'eo:bands': [{ name: 'SWIR1', common_name: 'swir16' }, { name: 'NIR', common_name: 'nir' }, { name: 'Red', common_name: 'red' }],
          'raster:bands': [{ nodata: 0 }, { nodata: 0, scale: 2 }, { nodata: 0 }],
        },
      },
    } as StacItem;
    expect(bindBands(multi, ['nir', 'Red'], 'index')).toEqual([
      { name: 'nir', asset: 'image', sample: 1, common_name: 'nir', scale: 2, offset: 0, nodata: 0 },
      { name: 'Red', asset: 'image', sample: 2, common_name: 'red', scale: 1, offset: 0, nodata: 0 },
    ]);
    expect(() => bindBands(multi, ['image'], 'expression')).toThrow(/asset image .* holds 3 bands/);
  });

  it('is a 422 on the given parameter naming the missing band and listing the ones there are', () => {
    let error: unknown;
    try {
      bindBands(landsat, ['red', 'rededge1'], 'expression');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'AppError', code: 'unprocessable', status: 422, parameter: 'expression' });
    expect((error as Error).message).toMatch(/^expression: scene landsat:.* has no band "rededge1"; bands it has: .*SR_B4/);
  });
});

describe('maskBandOf', () => {
  it('is SCL on Sentinel-2 and QA_PIXEL on Landsat, none on an item with neither', () => {
    expect(maskBandOf(s2)).toMatchObject({ kind: 'scl', asset: 'SCL', invalid_classes: [0, 1, 3, 8, 9, 10] });
    expect(maskBandOf(landsat)).toMatchObject({ kind: 'landsat-qa', asset: 'QA_PIXEL', invalid_bits: 0b11111 });
    expect(maskBandOf({ ...s2, assets: { B04: s2.assets.B04 } })).toBeNull();
  });
});
