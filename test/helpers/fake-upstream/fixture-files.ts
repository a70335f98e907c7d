/** The real recorded upstream responses (read-only; see test/fixtures/SOURCES.md). */
import { readFileSync } from 'node:fs';
import { fixturePath } from '../fixtures';

export { FIXTURES_DIR, STAC_RESPONSES_DIR } from '../fixtures';

export type Json = Record<string, unknown>;

export function readFixtureJson(relativePath: string): Json {
  return JSON.parse(readFileSync(fixturePath(relativePath), 'utf8')) as Json;
}

/** Features of a FeatureCollection fixture, or the single Feature of an Item fixture. */
export function fixtureFeatures(relativePath: string): Json[] {
  const body = readFixtureJson(relativePath);
  if (body.type === 'FeatureCollection' && Array.isArray(body.features)) return body.features as Json[];
  if (body.type === 'Feature') return [body];
  throw new Error(`${relativePath} is neither a FeatureCollection nor a Feature`);
}

/** Paths under the fixtures folder, named once so tests and the fake agree on them. */
export const FIXTURE = {
  esS2AndLandsatPage1: 'stac-responses/earth-search/earth-search_sentinel-2-l2a+landsat-c2-l2_search_page1.json',
  esCql2Page1: 'stac-responses/earth-search/earth-search_cql2-filter_search_page1.json',
  esCql2Page2: 'stac-responses/earth-search/earth-search_cql2-filter_search_page2.json',
  esC1Tile13TDE: 'stac-responses/earth-search/earth-search_sentinel-2-c1-l2a_13TDE_item-collection.json',
  esLanding: 'stac-responses/earth-search/earth-search_v1_landing.json',
  esCollections: 'stac-responses/earth-search/earth-search_v1_collections.json',
  esRasterItem29RKH: 'rasters/sentinel-2-l2a_S2A_29RKH_20200219/S2A_29RKH_20200219_0_L2A.json',
  pcS2Search: 'stac-responses/planetary-computer/planetary-computer_sentinel-2-l2a_search.json',
  pcS2Tile13TDE: 'stac-responses/planetary-computer/planetary-computer_sentinel-2-l2a_13TDE_two-items.json',
  pcS2Tile35MNM: 'stac-responses/planetary-computer/planetary-computer_sentinel-2-l2a_35MNM_2020-jun-jul.geojson',
  pcS2Item: 'stac-responses/planetary-computer/planetary-computer_sentinel-2-l2a_item.json',
  pcLandsatItems: 'stac-responses/planetary-computer/planetary-computer_landsat-c2-l2_items_page.json',
  pcNaipPage1: 'stac-responses/planetary-computer/planetary-computer_naip_search_page1.json',
  pcNaipPage2: 'stac-responses/planetary-computer/planetary-computer_naip_search_page2.json',
  pcLanding: 'stac-responses/planetary-computer/planetary-computer_landing.json',
  pcS2Collection: 'stac-responses/planetary-computer/planetary-computer_sentinel-2-l2a_collection.json',
  pcLandsatCollection: 'stac-responses/planetary-computer/planetary-computer_landsat-c2-l2_collection.json',
  pcSasToken: 'stac-responses/planetary-computer/planetary-computer_sas-token_sentinel2l2a01.json',
  llLandsat8: 'stac-responses/usgs-landsatlook/landsatlook_landsat-c2l2-sr_LC08_L2SP_028030_20200114_20200824_02_T1_SR.json',
  llLandsat7: 'stac-responses/usgs-landsatlook/landsatlook_landsat-c2l2-sr_LE07_L2SP_044033_20210329_20210424_02_T1_SR.json',
  antimeridianS2: 'stac-responses/antimeridian/stactools-sentinel2_S2A_T01KAB_20230821T221944_L2A.json',
  landsatMtl: 'rasters/landsat-c2-l2_LC08_L2SP_008059_20191201/LC08_L2SP_008059_20191201_20200825_02_T1_MTL.json',
} as const;
