import { describe, expect, it } from 'vitest';
import { normalizeItem, normalizeItems } from '../../../electron/service/sources/normalize/normalize-item';
import type { StacItem } from '../../../electron/service/stac/types';
import { FIXTURE, fixtureFeatures, type Json } from '../../helpers/fake-upstream/fixture-files';
import { ES_ORIGIN, S2_ASSET_NAMES, upstreamAsset } from './normalize-fixtures';

function normalized(raw: Json): StacItem {
  const result = normalizeItem(raw, ES_ORIGIN);
  if (!result.ok) throw new Error(result.reason);
  return result.item;
}

const [esL2a, esLandsat] = fixtureFeatures(FIXTURE.esS2AndLandsatPage1);
const esC1Items = fixtureFeatures(FIXTURE.esC1Tile13TDE);

describe('Earth Search sentinel-2-l2a item (boa_offset_applied=true)', () => {
  const item = normalized(esL2a);
  const props = esL2a.properties as Json;

  it('keeps the upstream id after the source prefix and the common properties', () => {
    expect(item.id).toBe(`sentinel-2:${String(esL2a.id)}`);
    expect(item.id.slice(item.id.indexOf(':') + 1)).toBe(esL2a.id);
    expect(item.properties).toMatchObject({
      datetime: props.datetime, 'eo:cloud_cover': props['eo:cloud_cover'], platform: 'sentinel-2a',
      constellation: 'sentinel-2', gsd: 10, 'astra:provider': 'copernicus', 'astra:source': 'sentinel-2',
      'astra:collection': 'sentinel-2-l2a', 'proj:epsg': props['proj:epsg'],
    });
    expect(item.links).toContainEqual(expect.objectContaining({ rel: 'self', href: `/api/v1/scenes/${item.id}` }));
  });

  it('renames common-name keys to ESA band names and keeps the COG over its -jp2 twin', () => {
    expect(Object.keys(item.assets).sort()).toEqual([...S2_ASSET_NAMES].sort());
    const pairs: Array<[string, string]> = [['B01', 'coastal'], ['B04', 'red'], ['B05', 'rededge1'], ['B08', 'nir'], ['B8A', 'nir08'], ['B11', 'swir16'], ['B12', 'swir22'], ['SCL', 'scl'], ['visual', 'visual'], ['thumbnail', 'thumbnail']];
    for (const [ours, theirs] of pairs) expect(item.assets[ours].href).toBe(upstreamAsset(esL2a, theirs).href);
    for (const asset of Object.values(item.assets)) {
      expect(asset.href.startsWith('https://')).toBe(true);
      expect(asset.type).not.toBe('image/jp2');
    }
  });

  it('carries the upstream common names on every spectral band', () => {
    for (const [ours, theirs] of [['B04', 'red'], ['B08', 'nir'], ['B8A', 'nir08'], ['B11', 'swir16'], ['B02', 'blue']]) {
      const upstream = (upstreamAsset(esL2a, theirs)['eo:bands'] as Json[])[0];
      expect(item.assets[ours]['eo:bands']?.[0].common_name).toBe(upstream.common_name);
    }
    expect(item.assets.visual['eo:bands']?.map((band) => band.common_name)).toEqual(['red', 'green', 'blue']);
  });

  it('scales reflectance without the offset that Earth Search already removed', () => {
    expect(props['earthsearch:boa_offset_applied']).toBe(true);
    const declared = (upstreamAsset(esL2a, 'red')['raster:bands'] as Json[])[0];
    expect(declared.offset).toBe(-0.1); // the upstream metadata contradicts its own flag
    expect(item.assets.B04['raster:bands']?.[0]).toMatchObject({ scale: declared.scale, offset: 0, nodata: 0 });
    expect(item.properties['astra:radiometry']).toMatchObject({ reflectance_offset: 0 });
    expect(item.assets.SCL['raster:bands']?.[0].scale).toBeUndefined();
  });

  it('applies the -0.1 offset when the flag is false and the baseline is 04.00 or later', () => {
    const unflagged = structuredClone(esL2a);
    (unflagged.properties as Json)['earthsearch:boa_offset_applied'] = false;
    expect(Number(props['s2:processing_baseline'])).toBeGreaterThanOrEqual(4);
    expect(normalized(unflagged).assets.B04['raster:bands']?.[0].offset).toBe(-0.1);
  });
});

describe('Earth Search sentinel-2-l2a raster fixture item (baseline 02.14)', () => {
  const [raw] = fixtureFeatures(FIXTURE.esRasterItem29RKH);
  const item = normalized(raw);

  it('has no offset, as the product predates baseline 04.00', () => {
    const props = raw.properties as Json;
    expect([props['s2:processing_baseline'], props['earthsearch:boa_offset_applied']]).toEqual(['02.14', false]);
    const declared = (upstreamAsset(raw, 'red')['raster:bands'] as Json[])[0];
    expect(item.assets.B04['raster:bands']?.[0]).toMatchObject({ scale: declared.scale, offset: declared.offset });
    expect(declared.offset).toBe(0);
  });
});

describe('Earth Search sentinel-2-c1-l2a items', () => {
  const page = normalizeItems(esC1Items, ES_ORIGIN);

  it('normalizes all ten with the scale/offset c1 declares', () => {
    expect(page.skipped).toBe(0);
    expect(page.items).toHaveLength(esC1Items.length);
    page.items.forEach((item, i) => {
      const declared = (upstreamAsset(esC1Items[i], 'red')['raster:bands'] as Json[])[0];
      expect(item.assets.B04['raster:bands']?.[0]).toMatchObject({ scale: declared.scale, offset: declared.offset });
      expect(Object.keys(item.assets).sort()).toEqual([...S2_ASSET_NAMES].sort());
      expect(item.assets.thumbnail.href).toBe(upstreamAsset(esC1Items[i], 'thumbnail').href);
    });
  });
});

describe('Earth Search landsat-c2-l2 item (collection widened)', () => {
  const item = normalized(esLandsat);

  it('uses the Landsat naming, with ST_B10 from lwir11', () => {
    expect(item.properties.platform).toBe('landsat-8');
    expect(Object.keys(item.assets).sort()).toEqual(['QA_PIXEL', 'SR_B1', 'SR_B2', 'SR_B3', 'SR_B4', 'SR_B5', 'SR_B6', 'SR_B7', 'ST_B10', 'thumbnail']);
    expect(item.assets.SR_B4.href).toBe(upstreamAsset(esLandsat, 'red').href);
    expect(item.assets.ST_B10.href).toBe(upstreamAsset(esLandsat, 'lwir11').href);
    const declared = (upstreamAsset(esLandsat, 'lwir11')['raster:bands'] as Json[])[0];
    expect(item.assets.ST_B10['raster:bands']?.[0]).toMatchObject({ scale: declared.scale, offset: declared.offset, unit: 'kelvin' });
  });
});
