/**
 * A real ASTRA service wired to the loopback test upstream (SAS endpoint and blob mirror), with
 * the test scenes already in its items cache, and the helpers the proxy tests share.
 */
import { fromFile, fromUrl, type GeoTIFF } from 'geotiff';
import { readFileSync } from 'node:fs';
import { startTestService, type TestService } from '../../../helpers/test-service';
import { landsatPair, PC_LANDSAT_B4_BLOB, PC_S2_B04_BLOB, pcS2Item, s2Item } from './test-items';
import { LANDSAT_B4, makeCog, makeThumbnail, S2_B04, S2_B08 } from './make-cogs';
import type { RangeServer } from './range-server';

export interface CogFiles {
  b04: string;
  b08: string;
  landsat: string;
  thumbnail: string;
}

export function makeTestCogs(): CogFiles {
  return {
    b04: makeCog(S2_B04, 'b04', { blockSize: 256 }),
    b08: makeCog(S2_B08, 'b08', { blockSize: 512 }),
    landsat: makeCog(LANDSAT_B4, 'landsat-b4', { blockSize: 256 }),
    thumbnail: makeThumbnail(S2_B04, 'b04'),
  };
}

/** Publishes the COGs where the test items point. */
export function publishCogs(upstream: RangeServer, cogs: CogFiles): void {
  upstream.put('/cogs/B04.tif', readFileSync(cogs.b04));
  upstream.put('/cogs/B08.tif', readFileSync(cogs.b08));
  upstream.put('/cogs/thumbnail.jpg', readFileSync(cogs.thumbnail), { contentType: 'image/jpeg' });
  upstream.put(`/blob/${PC_S2_B04_BLOB}`, readFileSync(cogs.b04));
  upstream.put(`/blob/${PC_LANDSAT_B4_BLOB}`, readFileSync(cogs.landsat));
}

export async function startCacheTestService(upstream: RangeServer, overrides: Parameters<typeof startTestService>[0] = {}): Promise<TestService> {
  // Catalogs point at the loopback upstream too (it knows no items: 404), so no test reaches the internet.
  const svc = await startTestService({
    pcSasUrl: upstream.sasUrl,
    pcBlobUrl: upstream.blobUrl,
    earthSearchUrl: `${upstream.url}/earth-search/v1`,
    landsatLookUrl: `${upstream.url}/landsatlook/stac-server`,
    planetaryComputerUrl: `${upstream.url}/planetary-computer/api/stac/v1`,
    upstreamTimeoutMs: 5000,
    ...overrides,
  });
  svc.service.context.cache.items.upsertMany([s2Item(upstream.url), pcS2Item(), ...landsatPair()]);
  return svc;
}

export function cogUrl(svc: TestService, scene: string, band: string): string {
  return `${svc.url}/api/v1/scenes/${encodeURIComponent(scene)}/assets/${band}/cog`;
}

export function openThroughProxy(svc: TestService, scene: string, band: string): Promise<GeoTIFF> {
  return fromUrl(cogUrl(svc, scene, band), { headers: { authorization: `Bearer ${svc.key}` } });
}

export async function readWindow(tiff: GeoTIFF, window: [number, number, number, number], imageIndex = 0): Promise<number[]> {
  const image = await tiff.getImage(imageIndex);
  const [band] = (await image.readRasters({ window })) as unknown as ArrayLike<number>[];
  return Array.from(band);
}

export async function readWindowFromFile(path: string, window: [number, number, number, number], imageIndex = 0): Promise<number[]> {
  return readWindow(await fromFile(path), window, imageIndex);
}
