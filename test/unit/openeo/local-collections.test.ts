import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openEoCollection, openEoCollections } from '../../../electron/service/openeo/graph/collection-metadata';
import {
  isKnownBand, LOCAL_COLLECTIONS, parseCollectionId,
} from '../../../electron/service/openeo/graph/local-collections';
import {
  EARTH_SEARCH_DEFAULT_COLLECTIONS, LANDSAT_OLI_BANDS, LANDSATLOOK_DEFAULT_COLLECTIONS, PLANETARY_COMPUTER_DEFAULT_COLLECTIONS, SENTINEL_2_BANDS,
} from '../../../electron/service/sources';
import { OPENEO_OPENAPI_FILE, openEoResponseErrors } from '../../helpers/openeo-openapi-validator';

const openapi = parse(readFileSync(OPENEO_OPENAPI_FILE, 'utf8')) as { components: { schemas: { collection_id: { pattern: string } } } };

describe('local openEO collections', () => {
  it('are one per source and default collection, with ids <source>.<collection> that openapi.yaml allows (the STAC form with ":" is not)', () => {
    const pattern = new RegExp(openapi.components.schemas.collection_id.pattern);
    expect(LOCAL_COLLECTIONS.map((c) => c.id)).toEqual([
      ...EARTH_SEARCH_DEFAULT_COLLECTIONS.map((c) => `sentinel-2.${c}`),
      ...LANDSATLOOK_DEFAULT_COLLECTIONS.map((c) => `landsat.${c}`),
      ...PLANETARY_COMPUTER_DEFAULT_COLLECTIONS.map((c) => `planetary-computer.${c}`),
    ]);
    expect(LOCAL_COLLECTIONS.map((c) => c.id)).toEqual([
      'sentinel-2.sentinel-2-l2a', 'sentinel-2.sentinel-2-c1-l2a', 'landsat.landsat-c2l2-sr', 'planetary-computer.sentinel-2-l2a', 'planetary-computer.landsat-c2-l2',
    ]);
    for (const c of LOCAL_COLLECTIONS) expect(c.id).toMatch(pattern);
    expect('sentinel-2:sentinel-2-l2a').not.toMatch(pattern);
  });

  it('parses ids back to source, upstream collection, sensor bands and mask band', () => {
    const pc = parseCollectionId('planetary-computer.landsat-c2-l2');
    expect(pc).toMatchObject({ source: 'planetary-computer', upstream: 'landsat-c2-l2', sensor: 'landsat-oli', maskBand: 'QA_PIXEL' });
    expect(pc?.bands).toBe(LANDSAT_OLI_BANDS);
    expect(parseCollectionId('sentinel-2.sentinel-2-c1-l2a')).toMatchObject({ source: 'sentinel-2', upstream: 'sentinel-2-c1-l2a', maskBand: 'SCL' });
    expect(parseCollectionId('sentinel-2.sentinel-2-c1-l2a')?.bands).toBe(SENTINEL_2_BANDS);
    for (const unknown of ['sentinel-2:sentinel-2-l2a', 'sentinel-2-l2a', 'landsat.sentinel-2-l2a', 'SENTINEL2_L2A', '']) expect(parseCollectionId(unknown)).toBeUndefined();
  });

  it('answers to asset names, common names and the nir → nir08 fallback, as jobs bind bands', () => {
    const s2 = parseCollectionId('sentinel-2.sentinel-2-l2a')!;
    const landsat = parseCollectionId('landsat.landsat-c2l2-sr')!;
    expect(['B04', 'B8A', 'SCL', 'red', 'nir', 'nir08', 'rededge'].every((b) => isKnownBand(s2, b))).toBe(true);
    expect(['SR_B4', 'QA_PIXEL', 'red', 'nir', 'nir08', 'lwir11'].every((b) => isKnownBand(landsat, b))).toBe(true);
    expect(isKnownBand(landsat, 'B04')).toBe(false);
    expect(isKnownBand(landsat, 'rededge')).toBe(false);
    expect(isKnownBand(s2, 'SR_B4')).toBe(false);
  });

  it('describes each collection with cube:dimensions x, y, t, bands and eo:bands from the source tables', () => {
    const doc = openEoCollection(parseCollectionId('landsat.landsat-c2l2-sr')!);
    expect(Object.keys(doc['cube:dimensions'])).toEqual(['x', 'y', 't', 'bands']);
    expect(doc['cube:dimensions'].bands.values).toEqual(LANDSAT_OLI_BANDS.map((b) => b.asset));
    expect(doc.summaries['eo:bands'].find((b) => b.name === 'SR_B5')).toMatchObject({ common_name: 'nir08', center_wavelength: 0.87 });
    expect(doc.summaries['eo:bands'].find((b) => b.name === 'QA_PIXEL')).not.toHaveProperty('common_name');
    const s2 = openEoCollection(parseCollectionId('sentinel-2.sentinel-2-l2a')!);
    expect(s2.summaries['eo:bands'].map((b) => [b.name, b.common_name])).toEqual(SENTINEL_2_BANDS.map((b) => [b.asset, b.commonName]));
  });

  it('are valid openEO collection documents (openapi.yaml: GET /collections/{id} and GET /collections)', () => {
    const links = [{ rel: 'self', href: 'http://127.0.0.1:8787/api/v1/openeo/collections/x' }];
    for (const c of LOCAL_COLLECTIONS) {
      expect(openEoResponseErrors({ path: `/collections/${c.id}`, method: 'GET', status: 200, body: openEoCollection(c, links) })).toEqual([]);
    }
    const list = { collections: openEoCollections(() => links), links: [] };
    expect(openEoResponseErrors({ path: '/collections', method: 'GET', status: 200, body: list })).toEqual([]);
    const broken = { ...openEoCollection(LOCAL_COLLECTIONS[0], links), id: 'sentinel-2:sentinel-2-l2a' };
    expect(openEoResponseErrors({ path: '/collections/x', method: 'GET', status: 200, body: broken }).join()).toMatch(/pattern/);
  });
});
