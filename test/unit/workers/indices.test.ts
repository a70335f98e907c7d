import { describe, expect, it } from 'vitest';
import { parseExpression, variables } from '../../../workers/lib/expression';
import { bindBands, INDICES, isIndexName } from '../../../workers/lib/indices';

describe('named indices', () => {
  it('each parses and lists exactly the bands it declares', () => {
    for (const index of Object.values(INDICES)) {
      expect([...variables(parseExpression(index.expression))].sort(), index.name).toEqual([...index.bands].sort());
    }
  });

  it('are recognised by name', () => {
    expect(['ndvi', 'ndwi', 'nbr', 'evi', 'savi'].every(isIndexName)).toBe(true);
    expect(isIndexName('toString')).toBe(false);
  });
});

describe('bindBands', () => {
  // Asset keys by common name, as in the fixture items (providers.md §1.3, the Landsat STAC item).
  const sentinel2: Record<string, string> = { blue: 'B02', green: 'B03', red: 'B04', nir: 'B08', nir08: 'B8A', swir16: 'B11', swir22: 'B12' };
  const landsat: Record<string, string> = { blue: 'SR_B2', green: 'SR_B3', red: 'SR_B4', nir08: 'SR_B5', swir16: 'SR_B6', swir22: 'SR_B7' };
  const lookupIn = (table: Record<string, string>) => (name: string): string | undefined =>
    Object.hasOwn(table, name) ? table[name] : Object.values(table).find((asset) => asset === name);

  it('uses broad NIR (B08) on Sentinel-2 and falls back to nir08 (SR_B5) on Landsat', () => {
    expect(bindBands(INDICES.nbr.bands, lookupIn(sentinel2))).toEqual({ assets: { nir: 'B08', swir22: 'B12' }, missing: [] });
    expect(bindBands(INDICES.nbr.bands, lookupIn(landsat))).toEqual({ assets: { nir: 'SR_B5', swir22: 'SR_B7' }, missing: [] });
  });

  it('accepts asset names in custom expressions and reports what it cannot find', () => {
    const names = variables(parseExpression('(SR_B5 - red) / (SR_B5 + red) + rededge'));
    expect(bindBands(names, lookupIn(landsat))).toEqual({ assets: { SR_B5: 'SR_B5', red: 'SR_B4' }, missing: ['rededge'] });
  });

  it('takes the fallback table as data', () => {
    expect(bindBands(['nir'], lookupIn(landsat), {}).missing).toEqual(['nir']);
    expect(bindBands(['swir'], lookupIn(landsat), { swir: ['swir22', 'swir16'] }).assets).toEqual({ swir: 'SR_B7' });
  });
});
