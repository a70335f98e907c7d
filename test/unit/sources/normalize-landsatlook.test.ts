import { describe, expect, it } from 'vitest';
import { normalizeItem } from '../../../electron/service/sources/normalize/normalize-item';
import type { StacItem } from '../../../electron/service/stac/types';
import { FIXTURE, fixtureFeatures, readFixtureJson, type Json } from '../../helpers/fake-upstream/fixture-files';
import { ES_ORIGIN, LL_ORIGIN, upstreamAsset } from './normalize-fixtures';

function normalized(raw: Json, origin = LL_ORIGIN): StacItem {
  const result = normalizeItem(raw, origin);
  if (!result.ok) throw new Error(result.reason);
  return result.item;
}

/** USGS MTL of a Landsat 8 C2 L2 scene: the published scale factors per band. */
const mtl = (readFixtureJson(FIXTURE.landsatMtl) as Record<string, Record<string, Record<string, string>>>).LANDSAT_METADATA_FILE;

function fileBand(href: string): string {
  return /_((?:SR|ST)_B\d+|QA_PIXEL)\.TIF$/.exec(href)?.[1] ?? '?';
}

describe('LandsatLook landsat-c2l2-sr Landsat 8 item', () => {
  const [raw] = fixtureFeatures(FIXTURE.llLandsat8);
  const item = normalized(raw);

  it('keeps the _SR upstream id after the source prefix', () => {
    expect(String(raw.id).endsWith('_SR')).toBe(true);
    expect(item.id).toBe(`landsat:${String(raw.id)}`);
    expect(item.properties).toMatchObject({
      platform: 'landsat-8', constellation: 'landsat', gsd: 30, 'astra:provider': 'usgs', 'astra:source': 'landsat',
      'astra:collection': 'landsat-c2l2-sr', 'eo:cloud_cover': (raw.properties as Json)['eo:cloud_cover'],
    });
  });

  it('names every band after the USGS file it points to', () => {
    expect(Object.keys(item.assets).sort()).toEqual(['QA_PIXEL', 'SR_B1', 'SR_B2', 'SR_B3', 'SR_B4', 'SR_B5', 'SR_B6', 'SR_B7', 'thumbnail']);
    for (const [name, asset] of Object.entries(item.assets)) if (name !== 'thumbnail') expect(fileBand(asset.href)).toBe(name);
    expect(item.assets.SR_B4.href).toBe(upstreamAsset(raw, 'red').href);
    expect(item.assets.SR_B4['eo:bands']?.[0].common_name).toBe('red');
    expect(item.assets.thumbnail.href).toBe(upstreamAsset(raw, 'thumbnail').href);
  });

  it('adds the USGS scale factors LandsatLook leaves out, per the MTL', () => {
    expect(upstreamAsset(raw, 'red')['raster:bands']).toBeUndefined();
    const sr = mtl.LEVEL2_SURFACE_REFLECTANCE_PARAMETERS;
    for (let band = 1; band <= 7; band += 1) {
      expect(item.assets[`SR_B${band}`]['raster:bands']?.[0]).toMatchObject({
        scale: Number(sr[`REFLECTANCE_MULT_BAND_${band}`]), offset: Number(sr[`REFLECTANCE_ADD_BAND_${band}`]), nodata: 0,
      });
    }
    expect(item.assets.QA_PIXEL['raster:bands']?.[0]).toMatchObject({ nodata: 1 });
    expect(item.assets.QA_PIXEL['raster:bands']?.[0].scale).toBeUndefined();
  });

  it('spells the COG media type the standard way', () => {
    expect(upstreamAsset(raw, 'red').type).toBe('image/vnd.stac.geotiff; cloud-optimized=true');
    expect(item.assets.SR_B4.type).toBe('image/tiff; application=geotiff; profile=cloud-optimized');
  });
});

describe('Landsat surface temperature', () => {
  it('takes the MTL scale factors for ST_B10 (Earth Search item, which has the band)', () => {
    const landsat = fixtureFeatures(FIXTURE.esS2AndLandsatPage1)[1];
    const item = normalized(landsat, ES_ORIGIN);
    const st = mtl.LEVEL2_SURFACE_TEMPERATURE_PARAMETERS;
    expect(fileBand(item.assets.ST_B10.href)).toBe('ST_B10');
    expect(item.assets.ST_B10['raster:bands']?.[0]).toMatchObject({
      scale: Number(st.TEMPERATURE_MULT_BAND_ST_B10), offset: Number(st.TEMPERATURE_ADD_BAND_ST_B10), nodata: 0, unit: 'kelvin',
    });
  });
});

describe('LandsatLook Landsat 7 item', () => {
  it('uses TM/ETM+ band numbers (red is SR_B3) when normalized outside the landsat source', () => {
    const [raw] = fixtureFeatures(FIXTURE.llLandsat7);
    const item = normalized(raw);
    expect(item.properties.platform).toBe('landsat-7');
    expect(item.assets.SR_B3.href).toBe(upstreamAsset(raw, 'red').href);
    expect(item.assets.SR_B3['eo:bands']?.[0].common_name).toBe('red');
    for (const [name, asset] of Object.entries(item.assets)) if (name !== 'thumbnail') expect(fileBand(asset.href)).toBe(name);
  });
});
