import { describe, expect, it } from 'vitest';
import { blobRequestUrl, parseBlobUrl, unsignedHref, withSasToken } from '../../../electron/service/assets/blob-url';
import { alternateSceneIds, needsAlternateRoute } from '../../../electron/service/assets/landsat-route';
import type { StacItem } from '../../../electron/service/stac/types';

const PC = 'https://sentinel2l2a01.blob.core.windows.net/sentinel2-l2/10/T/CR/2022/08/28/x_B08_10m.tif';

describe('Planetary Computer blob urls', () => {
  it('finds account, container and path; anything else is not a blob url', () => {
    expect(parseBlobUrl(PC)).toEqual({ account: 'sentinel2l2a01', container: 'sentinel2-l2', path: '10/T/CR/2022/08/28/x_B08_10m.tif' });
    expect(parseBlobUrl('http://sentinel2l2a01.blob.core.windows.net/c/x.tif')).toBeNull();
    expect(parseBlobUrl('https://sentinel-cogs.s3.us-west-2.amazonaws.com/a/B04.tif')).toBeNull();
    expect(parseBlobUrl('https://evil.example/sentinel2l2a01.blob.core.windows.net/c/x')).toBeNull();
    expect(parseBlobUrl('not a url')).toBeNull();
  });

  it('signs by appending the container token, replacing any old one, and strips it again', () => {
    const token = 'se=2024-05-14T18%3A49%3A29Z&sp=rl&sv=2021-06-08&sr=c&sig=abc%3D';
    const signed = withSasToken(`${PC}?se=old&sig=old`, token);
    expect(signed).toBe(`${PC}?${token}`);
    expect(unsignedHref(signed)).toBe(PC);
    expect(unsignedHref('https://example.test/a.tif?x=1')).toBe('https://example.test/a.tif?x=1');
  });

  it('sends blob requests to a configured mirror, token included', () => {
    expect(blobRequestUrl(`${PC}?sig=1`, 'http://127.0.0.1:9/blob/')).toBe('http://127.0.0.1:9/blob/sentinel2l2a01/sentinel2-l2/10/T/CR/2022/08/28/x_B08_10m.tif?sig=1');
    expect(blobRequestUrl(PC, null)).toBe(PC);
    expect(blobRequestUrl('https://example.test/a.tif', 'http://127.0.0.1:9/blob')).toBe('https://example.test/a.tif');
  });
});

describe('Landsat routing', () => {
  it('sends LandsatLook https and requester-pays s3 hrefs elsewhere', () => {
    expect(needsAlternateRoute('https://landsatlook.usgs.gov/data/collection02/level-2/x_SR_B4.TIF')).toBe(true);
    expect(needsAlternateRoute('s3://usgs-landsat/collection02/level-2/x_SR_B4.TIF')).toBe(true);
    expect(needsAlternateRoute(PC)).toBe(false);
  });

  it('looks for the scene on Planetary Computer: declared alternates first, then the id without _SR', () => {
    const item = {
      id: 'landsat:LC08_L2SP_028030_20200114_20200824_02_T1_SR',
      properties: { 'astra:alternates': ['sentinel-2:nope', 'planetary-computer:LC08_L2SP_028030_20200114_02_T1'] },
    } as unknown as StacItem;
    expect(alternateSceneIds(item)).toEqual(['planetary-computer:LC08_L2SP_028030_20200114_02_T1', 'planetary-computer:LC08_L2SP_028030_20200114_20200824_02_T1']);
    expect(alternateSceneIds({ id: 'sentinel-2:S2A_X', properties: {} } as unknown as StacItem)).toEqual([]);
  });
});
