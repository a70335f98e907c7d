/**
 * Matching ASTRA's collections and bands to a remote back-end's, from the back-end's STAC
 * metadata only: the fake's CDSE / Terrascope / Sentinel Hub-style documents, plus documents
 * without common names or with bands only in cube:dimensions.
 */
import { describe, expect, it } from 'vitest';
import { astraCollectionProfile, levelOf } from '../../../electron/service/openeo/remote/astra-collections';
import { rankCollections, remoteCollectionInfo } from '../../../electron/service/openeo/remote/collection-match';
import { resolveBands } from '../../../electron/service/openeo/remote/map-process-graph';
import { collectionDocument, LANDSAT8_9_L2, SENTINEL2_L2A, TERRASCOPE_S2_TOC_V2, type FakeCollection } from '../../helpers/fake-openeo/collections';

const API = 'https://openeo.example.org/openeo/1.2';
const info = (collection: FakeCollection) => remoteCollectionInfo(collectionDocument(collection, API) as Record<string, unknown> & { id: string });
const s2 = astraCollectionProfile('sentinel-2.sentinel-2-l2a', 'x');
const landsat = astraCollectionProfile('landsat.landsat-c2l2-sr', 'x');

describe('levels and families', () => {
  it.each([
    ['SENTINEL2_L2A', 'L2'], ['SENTINEL2_L1C', 'L1'], ['TERRASCOPE_S2_TOC_V2', 'L2'], ['LANDSAT8-9_L2', 'L2'], ['landsat-c2l2-sr', 'L2'],
    ['sentinel-2-c1-l2a', 'L2'], ['Landsat 8 Level 1 (top of atmosphere)', 'L1'], ['SENTINEL1_GRD', null],
  ])('%s → %s', (text, level) => {
    expect(levelOf(text)).toBe(level);
  });

  it('profiles ASTRA ids by source and upstream collection', () => {
    expect(astraCollectionProfile('planetary-computer.landsat-c2-l2', 'x')).toMatchObject({ family: 'landsat', level: 'L2', source: 'planetary-computer' });
    expect(() => astraCollectionProfile('sentinel-2', 'x')).toThrow(/not an ASTRA collection id/);
    expect(() => astraCollectionProfile('planetary-computer.cop-dem-glo-30', 'x')).toThrow(/no known counterpart/);
  });
});

describe('collections', () => {
  it('ranks the family\'s collections with every needed band; a collection lacking one is left out', () => {
    const candidates = [info(LANDSAT8_9_L2), info(TERRASCOPE_S2_TOC_V2), info(SENTINEL2_L2A)];
    expect(rankCollections(s2, candidates, ['B04', 'B08', 'SCL']).map((c) => c.id)).toEqual(['TERRASCOPE_S2_TOC_V2', 'SENTINEL2_L2A']);
    expect(rankCollections(s2, candidates, ['B04', 'B09']).map((c) => c.id)).toEqual(['SENTINEL2_L2A']);
    expect(rankCollections(landsat, candidates, ['SR_B4', 'QA_PIXEL']).map((c) => c.id)).toEqual(['LANDSAT8-9_L2']);
  });

  it('an L1 collection of the same mission is not a match for ASTRA\'s surface reflectance', () => {
    const l1c: FakeCollection = { ...SENTINEL2_L2A, id: 'SENTINEL2_L1C', title: 'Sentinel-2 L1C (top of atmosphere)' };
    expect(rankCollections(s2, [info(l1c)], [])).toEqual([]);
  });
});

describe('bands', () => {
  it('maps by common name, the rededge bands by wavelength, SCL and QA_PIXEL by name pattern', () => {
    const terrascope = resolveBands(s2, info(TERRASCOPE_S2_TOC_V2));
    expect(Object.fromEntries(terrascope.bands)).toMatchObject({
      B02: 'TOC-B02_10M', B04: 'TOC-B04_10M', B05: 'TOC-B05_20M', B06: 'TOC-B06_20M', B07: 'TOC-B07_20M', B08: 'TOC-B08_10M', B8A: 'TOC-B8A_20M', SCL: 'SCENECLASSIFICATION_20M',
    });
    expect(terrascope.bands.has('B01')).toBe(false);
    expect(terrascope.bands.has('B09')).toBe(false);
    const oli = resolveBands(landsat, info(LANDSAT8_9_L2));
    expect(Object.fromEntries(oli.bands)).toEqual({
      SR_B1: 'B01', SR_B2: 'B02', SR_B3: 'B03', SR_B4: 'B04', SR_B5: 'B05', SR_B6: 'B06', SR_B7: 'B07', ST_B10: 'B10', QA_PIXEL: 'BQA',
      // Graphs of multi-sensor jobs name value bands by common name (`nir` is Landsat's nir08).
      coastal: 'B01', blue: 'B02', green: 'B03', red: 'B04', nir: 'B05', nir08: 'B05', swir16: 'B06', swir22: 'B07', lwir11: 'B10',
    });
    // The three rededge bands share a common name: a graph must name them by asset.
    expect(terrascope.bands.has('rededge')).toBe(false);
    expect(terrascope.bands.get('red')).toBe('TOC-B04_10M');
  });

  it('without common names: by wavelength; with names only in cube:dimensions: by identical names only', () => {
    const bare: FakeCollection = { ...SENTINEL2_L2A, id: 'S2_BARE', bands: SENTINEL2_L2A.bands.map(({ name, center_wavelength }) => ({ name: `band_${name}`, center_wavelength })) };
    expect(Object.fromEntries(resolveBands(s2, info(bare)).bands)).toMatchObject({ B04: 'band_B04', B08: 'band_B08', B8A: 'band_B8A' });
    const doc = collectionDocument(SENTINEL2_L2A, API) as Record<string, unknown> & { id: string };
    delete (doc.summaries as Record<string, unknown>)['eo:bands'];
    const namesOnly = resolveBands(s2, remoteCollectionInfo(doc));
    expect(namesOnly.bands.get('B04')).toBe('B04');
    expect(namesOnly.bands.get('SCL')).toBe('SCL');
    const landsatNamesOnly = resolveBands(landsat, remoteCollectionInfo(collectionDocument({ ...LANDSAT8_9_L2, bands: LANDSAT8_9_L2.bands.map(({ name }) => ({ name })) }, API) as Record<string, unknown> & { id: string }));
    expect(landsatNamesOnly.bands.get('SR_B4')).toBeUndefined();
    expect(landsatNamesOnly.bands.get('QA_PIXEL')).toBe('BQA');
  });
});
