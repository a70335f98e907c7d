/**
 * The COGs a worker thread has opened, kept per scene asset (headers parsed once, block cache
 * reused) and evicted least-recently-used. Their bytes come over the running task's byte channel
 * (../io/byte-channel.ts) from the service's asset byte source, so a worker never knows whether
 * they come from the network or the offline cache. A file opened during one task is read during
 * later ones over their own channels.
 */
import type { BaseDecoder, GeoTIFF, GeoTIFFImage } from 'geotiff';
import { RangedSource } from '../../lib/geotiff/ranged-source';
import { readOverChannel } from '../io/byte-channel';
import { geotiffModule } from './geotiff-module';
import { useZlibForDeflate } from './zlib-deflate-decoder';

/** One IFD of an opened COG, with the decoder for its compression. */
export interface OpenImage {
  readonly image: GeoTIFFImage;
  readonly decoder: BaseDecoder;
  /** TIFF Compression and Predictor tags (1 when absent). */
  readonly compression: number;
  readonly predictor: number;
}

/** A COG of a scene: what the workers' reads name. */
export interface SceneAsset {
  scene: string;
  asset: string;
}

interface OpenCog {
  readonly tiff: Promise<GeoTIFF>;
  readonly images: Map<number, Promise<OpenImage>>;
}

/**
 * Files open per thread; each holds its parsed IFDs and a few cached header blocks (ranged-source.ts).
 * An area tile reads every band and mask of each of its observations' scenes (8 scenes × 3 files
 * in the composite benchmark): enough stay open that the next tile finds them parsed.
 */
const MAX_OPEN = 48;
const open = new Map<string, OpenCog>();

/** An error the service's error handler recognises by name (api/errors.ts isAppError). */
function appErrorLike(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'AppError', code });
}

/** The asset's bytes over the task's channel; a failure keeps the service's error code and names the range. */
function channelSource({ scene, asset }: SceneAsset): RangedSource {
  return new RangedSource((offset, length) => readOverChannel(scene, asset, offset, length).catch((error: Error & { code?: string }) => {
    throw appErrorLike(error.code ?? 'upstream_error', `could not read bytes ${offset}-${offset + length - 1} of asset ${asset} of ${scene}: ${error.message}`);
  }));
}

export function assetKey({ scene, asset }: SceneAsset): string {
  return `${scene}\n${asset}`;
}

function openCog(file: SceneAsset): OpenCog {
  const key = assetKey(file);
  const known = open.get(key);
  if (known) {
    open.delete(key);
    open.set(key, known);
    return known;
  }
  const tiff = useZlibForDeflate().then(() => geotiffModule()).then(({ GeoTIFF }) => GeoTIFF.fromSource(channelSource(file)));
  const entry: OpenCog = { tiff, images: new Map() };
  // A failed open must not stay cached: the next task tries again.
  entry.tiff.catch(() => open.delete(key));
  open.set(key, entry);
  while (open.size > MAX_OPEN) {
    const [oldest, evicted] = open.entries().next().value as [string, OpenCog];
    open.delete(oldest);
    void evicted.tiff.then(async (tiff) => { await tiff.close(); }, () => undefined);
  }
  return entry;
}

/** One IFD of an opened GeoTIFF with its decoder (tests open local files through it too). */
export async function loadImage(tiff: GeoTIFF, index: number): Promise<OpenImage> {
  const image = await tiff.getImage(index);
  const directory = image.getFileDirectory();
  const compression = (directory.getValue('Compression') as number | undefined) ?? 1;
  const { getDecoder } = await geotiffModule();
  const predictor = ((await directory.loadValue('Predictor')) as number | undefined) ?? 1;
  const decoder = await getDecoder(compression, {
    tileWidth: image.getTileWidth(),
    tileHeight: image.getTileHeight(),
    planarConfiguration: image.planarConfiguration,
    bitsPerSample: directory.getValue('BitsPerSample') as number[],
    predictor,
    samplesPerPixel: image.getSamplesPerPixel(),
  });
  return { image, decoder, compression, predictor };
}

/** IFD `index` of the asset's COG (0 = full resolution), opened once per thread. */
export function cogImage(file: SceneAsset, index: number): Promise<OpenImage> {
  const cog = openCog(file);
  let image = cog.images.get(index);
  if (!image) {
    image = cog.tiff.then((tiff) => loadImage(tiff, index));
    image.catch(() => cog.images.delete(index));
    cog.images.set(index, image);
  }
  return image;
}
