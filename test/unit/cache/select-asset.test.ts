import { describe, expect, it } from 'vitest';
import { assetGsd, selectAssetKey, validBandNames } from '../../../electron/service/assets/select-asset';
import type { StacItem } from '../../../electron/service/stac/types';

const COG = 'image/tiff; application=geotiff; profile=cloud-optimized';
const item = {
  id: 'sentinel-2:S2A_29RKH_20200219_0_L2A',
  properties: { gsd: 10 },
  assets: {
    'B04-jp2': { href: 's3://b/B04.jp2', type: 'image/jp2', 'eo:bands': [{ name: 'B04', common_name: 'red' }] },
    B04: { href: 'https://x/B04.tif', type: COG, 'eo:bands': [{ name: 'B04', common_name: 'red' }] },
    visual: { href: 'https://x/TCI.tif', type: COG, 'eo:bands': [{ common_name: 'red' }, { common_name: 'green' }, { common_name: 'blue' }] },
    B08: { href: 'https://x/B08.tif', type: 'image/tiff', 'eo:bands': [{ name: 'B08', common_name: 'nir' }], 'raster:bands': [{ spatial_resolution: 10 }] },
    B11: { href: 'https://x/B11.jp2', type: 'image/jp2', gsd: 20, 'eo:bands': [{ name: 'B11', common_name: 'swir16' }] },
    thumbnail: { href: 'https://x/t.jpg', type: 'image/jpeg', roles: ['thumbnail'] },
    metadata: { href: 'https://x/m.xml', type: 'application/xml', roles: ['metadata'] },
  },
} as unknown as StacItem;

describe('selecting the asset of a band', () => {
  it('takes an asset key, case-insensitively, before anything else', () => {
    expect(selectAssetKey(item, 'B04', 'cog')).toBe('B04');
    expect(selectAssetKey(item, 'b08', 'any')).toBe('B08');
    expect(selectAssetKey(item, 'thumbnail', 'any')).toBe('thumbnail');
  });

  it('resolves common names to the single-band COG, never the composite or the JP2', () => {
    expect(selectAssetKey(item, 'red', 'cog')).toBe('B04');
    expect(selectAssetKey(item, 'red', 'any')).toBe('B04');
    expect(selectAssetKey(item, 'green', 'cog')).toBe('visual');
    expect(selectAssetKey(item, 'nir', 'cog')).toBe('B08');
    expect(selectAssetKey(item, 'swir16', 'any')).toBe('B11');
  });

  it('refuses a band without a COG when format=cog, and an unknown band listing the valid ones', () => {
    expect(() => selectAssetKey(item, 'swir16', 'cog')).toThrow(/swir16.*no Cloud-Optimized GeoTIFF/);
    let error: unknown;
    try { selectAssetKey(item, 'tir', 'any'); } catch (e) { error = e; }
    expect(error).toMatchObject({ code: 'invalid_parameter', parameter: 'bands' });
    expect((error as Error).message).toContain('valid bands: B04, B04-jp2, B08, B11, blue, green, nir, red, swir16, thumbnail, visual');
    expect(validBandNames(item)).not.toContain('metadata');
  });

  it('states the gsd from the most specific place', () => {
    expect(assetGsd(item, item.assets.B11)).toBe(20);
    expect(assetGsd(item, item.assets.B08)).toBe(10);
    expect(assetGsd(item, item.assets.thumbnail)).toBe(10);
  });
});
