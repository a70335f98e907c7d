/**
 * The cache tests' rig: the fake upstream (test/helpers/fake-upstream, its catalogs empty) serving
 * the test COGs where the test items point — public files under /cogs/, private Planetary
 * Computer blobs behind its SAS API — and a real ASTRA service pointed at it, with the test scenes
 * already in its items cache. Plus the helpers the proxy tests share.
 */
import { fromFile, fromUrl, type GeoTIFF } from 'geotiff';
import { readFileSync } from 'node:fs';
import { orUndo, runAll } from '../../../helpers/clean-up';
import { startFakeUpstream, type FakeUpstream } from '../../../helpers/fake-upstream';
import { startTestService, type TestService } from '../../../helpers/test-service';
import type { ServiceConfig } from '../../../../electron/service/config';
import { landsatPair, PC_LANDSAT_B4_BLOB, PC_S2_B04_BLOB, pcS2Item, s2Item } from './test-items';
import { LANDSAT_B4, makeCog, makeThumbnail, S2_B04, S2_B08 } from './make-cogs';

export interface CogFiles {
  b04: string;
  b08: string;
  landsat: string;
  thumbnail: string;
}

export interface CacheRig {
  fake: FakeUpstream;
  svc: TestService;
  cogs: CogFiles;
  close(): Promise<void>;
}

export function makeTestCogs(): CogFiles {
  return {
    b04: makeCog(S2_B04, 'b04', { blockSize: 256 }),
    b08: makeCog(S2_B08, 'b08', { blockSize: 512 }),
    landsat: makeCog(LANDSAT_B4, 'landsat-b4', { blockSize: 256 }),
    thumbnail: makeThumbnail(S2_B04, 'b04'),
  };
}

/** An upstream with no catalog items: searches find nothing, so no test depends on the recorded catalogs. */
export function startEmptyUpstream(): Promise<FakeUpstream> {
  return startFakeUpstream({ items: { earthSearch: [], planetaryComputer: [], landsatLook: [] } });
}

/** `account/container/path` (as test-items names PC blobs) served as a private blob. */
export function serveBlobPath(fake: FakeUpstream, blobPath: string, bytes: Buffer): string {
  const [account, container, ...rest] = blobPath.split('/');
  return fake.serveBlob(account, container, rest.join('/'), bytes);
}

/** The fake upstream serving the COGs where the test items point. */
export async function startCacheUpstream(cogs: CogFiles = makeTestCogs()): Promise<FakeUpstream> {
  const fake = await startEmptyUpstream();
  fake.serveFile('/cogs/B04.tif', readFileSync(cogs.b04));
  fake.serveFile('/cogs/B08.tif', readFileSync(cogs.b08));
  fake.serveFile('/cogs/thumbnail.jpg', readFileSync(cogs.thumbnail), { contentType: 'image/jpeg' });
  serveBlobPath(fake, PC_S2_B04_BLOB, readFileSync(cogs.b04));
  serveBlobPath(fake, PC_LANDSAT_B4_BLOB, readFileSync(cogs.landsat));
  return fake;
}

/** A service whose catalogs, SAS API and blob storage are the fake, with the test scenes in its items cache. */
export async function startCacheService(fake: FakeUpstream, overrides: Partial<ServiceConfig> = {}): Promise<TestService> {
  const svc = await startTestService({
    pcSasUrl: fake.sasUrl,
    pcBlobUrl: fake.blobUrl,
    earthSearchUrl: fake.earthSearchUrl,
    landsatLookUrl: fake.landsatLookUrl,
    planetaryComputerUrl: fake.planetaryComputerUrl,
    upstreamTimeoutMs: 5000,
    ...overrides,
  });
  svc.service.context.cache.items.upsertMany([s2Item(fake.url), pcS2Item(), ...landsatPair()]);
  return svc;
}

export async function startCacheRig(overrides: Partial<ServiceConfig> = {}): Promise<CacheRig> {
  const cogs = makeTestCogs();
  const fake = await startCacheUpstream(cogs);
  const svc = await orUndo(() => startCacheService(fake, overrides), () => fake.close());
  return { fake, svc, cogs, close: () => runAll(() => svc.close(), () => fake.close()) };
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
