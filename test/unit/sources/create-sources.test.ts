import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../electron/service/api/errors';
import { createSources, normalizeItems } from '../../../electron/service/sources';
import { FIXTURE, fixtureFeatures } from '../../helpers/fake-upstream/fixture-files';
import { context, query } from './adapter-harness';
import { ES_ORIGIN, LL_ORIGIN } from './normalize-fixtures';

const urls = { earthSearchUrl: 'http://127.0.0.1:9/es/v1/', landsatLookUrl: 'http://127.0.0.1:9/ll', planetaryComputerUrl: 'http://127.0.0.1:9/pc' };

describe('createSources', () => {
  it('builds the three api.md sources in order, describing what they serve', () => {
    const sources = createSources(urls);
    expect(sources.map((source) => source.id)).toEqual(['sentinel-2', 'landsat', 'planetary-computer']);
    const [s2, landsat, pc] = sources.map((source) => source.describe());
    expect(s2).toMatchObject({ provider: 'copernicus', collections: ['sentinel-2-l2a', 'sentinel-2-c1-l2a'], url: 'http://127.0.0.1:9/es/v1' });
    expect(landsat).toMatchObject({ provider: 'usgs', satellites: ['landsat-8', 'landsat-9'], collections: ['landsat-c2l2-sr'] });
    expect(pc).toMatchObject({ provider: 'microsoft', collections: ['sentinel-2-l2a', 'landsat-c2-l2'] });
    // The advertised band names are the asset names normalized items actually carry.
    const s2Assets = Object.keys(normalizeItems(fixtureFeatures(FIXTURE.esC1Tile13TDE), ES_ORIGIN).items[0].assets);
    expect(new Set(s2.bands)).toEqual(new Set(s2Assets));
    const landsatAssets = new Set(Object.keys(normalizeItems(fixtureFeatures(FIXTURE.llLandsat8), LL_ORIGIN).items[0].assets));
    expect(landsat.bands.filter((band) => !landsatAssets.has(band))).toEqual(['ST_B10']); // L2 SR items of LandsatLook carry no ST
    for (const band of [...s2Assets, ...landsatAssets]) expect(pc.bands).toContain(band);
  });

  it.each([0, 1, 2])('rejects a cursor position made by another source as invalid_parameter (source #%i)', async (index) => {
    const source = createSources(urls)[index];
    const foreign = [{ page: 2 }, { next: 'x' }, { page: 2 }][index];
    const error = await source.search(query(), foreign, context()).then(() => undefined, (caught: unknown) => caught);
    expect(isAppError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_parameter', parameter: 'cursor' });
  });
});
