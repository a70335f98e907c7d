import { describe, expect, it } from 'vitest';
import { normalizeItems } from '../../../electron/service/sources/normalize/normalize-item';
import { FIXTURE, fixtureFeatures, readFixtureJson, type Json } from '../../helpers/fake-upstream/fixture-files';
import { PC_ORIGIN, S2_ASSET_NAMES, upstreamAsset } from './normalize-fixtures';

/** ESA: BOA_ADD_OFFSET (-1000 DN = -0.1) exists from processing baseline 4.0 on. Parsed as a number, not as the adapter's padded string. */
function esaOffset(baseline: unknown): number {
  return Number(baseline) >= 4 ? -0.1 : 0;
}

describe('Planetary Computer sentinel-2-l2a items', () => {
  const tile13TDE = fixtureFeatures(FIXTURE.pcS2Tile13TDE);
  const search = fixtureFeatures(FIXTURE.pcS2Search);

  it('applies the ESA offset by processing baseline: 05.11 → -0.1, 02.12 → 0', () => {
    for (const raws of [tile13TDE, search]) {
      const page = normalizeItems(raws, PC_ORIGIN);
      expect(page.skipped).toBe(0);
      page.items.forEach((item, i) => {
        const baseline = (raws[i].properties as Json)['s2:processing_baseline'];
        expect(item.assets.B04['raster:bands']?.[0]).toMatchObject({ scale: 0.0001, offset: esaOffset(baseline), nodata: 0 });
        expect(item.properties['astra:radiometry']).toMatchObject({ reflectance_offset: esaOffset(baseline) });
      });
    }
    expect(new Set(tile13TDE.map((raw) => (raw.properties as Json)['s2:processing_baseline']))).toEqual(new Set(['05.11']));
    expect(new Set(search.map((raw) => (raw.properties as Json)['s2:processing_baseline']))).toEqual(new Set(['02.12']));
  });

  it('keeps PC band keys, resolves B8A although PC calls it "rededge", and B09 without a common name', () => {
    const [item] = normalizeItems(tile13TDE, PC_ORIGIN).items;
    const raw = tile13TDE[0];
    expect(Object.keys(item.assets).sort()).toEqual([...S2_ASSET_NAMES].sort());
    for (const band of ['B01', 'B04', 'B05', 'B8A', 'B09', 'B12', 'SCL', 'visual']) expect(item.assets[band].href).toBe(upstreamAsset(raw, band).href);
    expect((upstreamAsset(raw, 'B8A')['eo:bands'] as Json[])[0].common_name).toBe('rededge');
    expect(item.assets.B8A['eo:bands']?.[0]).toMatchObject({ name: 'B8A', common_name: 'nir08' });
    expect(item.assets.B09['eo:bands']?.[0]).toMatchObject({ name: 'B09', common_name: 'nir09' });
    expect(item.assets.B04['eo:bands']?.[0].common_name).toBe((upstreamAsset(raw, 'B04')['eo:bands'] as Json[])[0].common_name);
  });

  it('leaves hrefs unsigned, lower-cases the platform and takes the public rendered preview as thumbnail', () => {
    const [item] = normalizeItems(tile13TDE, PC_ORIGIN).items;
    for (const asset of Object.values(item.assets)) expect(asset.href).not.toMatch(/[?&](sig|se|sv)=/);
    expect((tile13TDE[0].properties as Json).platform).toBe('Sentinel-2B');
    expect(item.properties).toMatchObject({ platform: 'sentinel-2b', constellation: 'sentinel-2', 'astra:provider': 'microsoft', 'astra:collection': 'sentinel-2-l2a' });
    expect(item.assets.thumbnail.href).toBe(upstreamAsset(tile13TDE[0], 'rendered_preview').href);
    expect(item.assets.visual.roles).toEqual(['visual']);
  });
});

describe('Planetary Computer landsat-c2-l2 items', () => {
  const raws = fixtureFeatures(FIXTURE.pcLandsatItems);
  const page = normalizeItems(raws, PC_ORIGIN);
  // USGS's own metadata for a Landsat 8 C2 L2 scene: the independent source of the scale factors.
  const mtl = readFixtureJson(FIXTURE.landsatMtl) as Record<string, Record<string, Record<string, string>>>;
  const srParams = mtl.LANDSAT_METADATA_FILE.LEVEL2_SURFACE_REFLECTANCE_PARAMETERS;

  it('maps common names to SR_B* with the USGS scale and offset', () => {
    expect(page.skipped).toBe(0);
    page.items.forEach((item, i) => {
      expect(item.properties.platform).toBe('landsat-9');
      expect(item.assets.SR_B4.href).toBe(upstreamAsset(raws[i], 'red').href);
      expect(item.assets.SR_B5.href).toBe(upstreamAsset(raws[i], 'nir08').href);
      expect(item.assets.SR_B4['raster:bands']?.[0]).toMatchObject({
        scale: Number(srParams.REFLECTANCE_MULT_BAND_4), offset: Number(srParams.REFLECTANCE_ADD_BAND_4), nodata: 0,
      });
      const qaDeclared = (upstreamAsset(raws[i], 'qa_pixel')['raster:bands'] as Json[])[0];
      expect(item.assets.QA_PIXEL['raster:bands']?.[0]).toMatchObject({ nodata: qaDeclared.nodata });
      expect(item.assets.QA_PIXEL['raster:bands']?.[0].scale).toBeUndefined();
      expect(item.id).toBe(`planetary-computer:${String(raws[i].id)}`);
    });
  });
});

describe('Planetary Computer items of other collections (naip)', () => {
  it('keep their data assets under the upstream keys', () => {
    const raws = [FIXTURE.pcNaipPage1, FIXTURE.pcNaipPage2].flatMap(fixtureFeatures);
    const page = normalizeItems(raws, PC_ORIGIN);
    expect(page.items).toHaveLength(raws.length);
    for (const [i, item] of page.items.entries()) {
      expect(item.assets.image.href).toBe(upstreamAsset(raws[i], 'image').href);
      expect(item.assets.tilejson).toBeUndefined();
      expect(item.properties.gsd).toBe((raws[i].properties as Json).gsd);
    }
  });
});
