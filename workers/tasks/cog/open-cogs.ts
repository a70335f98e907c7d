/**
 * The COGs a worker thread has opened, kept per URL (headers parsed once, block cache reused)
 * and evicted least-recently-used. Reads (range-source.ts) go through the service's own byte proxy
 * (`/api/v1/scenes/{id}/assets/{band}/cog`) with the per-process internal key, so a worker never
 * knows whether the bytes come from the network or the offline cache.
 */
import type { BaseDecoder, GeoTIFF, GeoTIFFImage } from 'geotiff';
import { geotiffModule } from './geotiff-module';
import { RangeSource } from './range-source';
import { useZlibForDeflate } from './zlib-deflate-decoder';

/** One IFD of an opened COG, with the decoder for its compression. */
export interface OpenImage {
  readonly image: GeoTIFFImage;
  readonly decoder: BaseDecoder;
}

interface OpenCog {
  readonly tiff: Promise<GeoTIFF>;
  readonly images: Map<number, Promise<OpenImage>>;
}

/** Files open per thread; each holds its parsed IFDs and a few cached header blocks (range-source.ts). */
const MAX_OPEN = 12;
const open = new Map<string, OpenCog>();

function openCog(url: string, authorization: string): OpenCog {
  const known = open.get(url);
  if (known) {
    open.delete(url);
    open.set(url, known);
    return known;
  }
  const tiff = useZlibForDeflate().then(() => geotiffModule()).then(({ GeoTIFF }) => GeoTIFF.fromSource(new RangeSource(url, { authorization })));
  const entry: OpenCog = { tiff, images: new Map() };
  // A failed open must not stay cached: the next task tries again.
  entry.tiff.catch(() => open.delete(url));
  open.set(url, entry);
  while (open.size > MAX_OPEN) {
    const [oldest, evicted] = open.entries().next().value as [string, OpenCog];
    open.delete(oldest);
    void evicted.tiff.then(async (tiff) => { await tiff.close(); }, () => undefined);
  }
  return entry;
}

async function loadImage(tiff: GeoTIFF, index: number): Promise<OpenImage> {
  const image = await tiff.getImage(index);
  const directory = image.getFileDirectory();
  const compression = (directory.getValue('Compression') as number | undefined) ?? 1;
  const { getDecoder } = await geotiffModule();
  const decoder = await getDecoder(compression, {
    tileWidth: image.getTileWidth(),
    tileHeight: image.getTileHeight(),
    planarConfiguration: image.planarConfiguration,
    bitsPerSample: directory.getValue('BitsPerSample') as number[],
    predictor: ((await directory.loadValue('Predictor')) as number | undefined) ?? 1,
    samplesPerPixel: image.getSamplesPerPixel(),
  });
  return { image, decoder };
}

/** IFD `index` of the COG at `url` (0 = full resolution), opened once per thread. */
export function cogImage(url: string, index: number, authorization: string): Promise<OpenImage> {
  const cog = openCog(url, authorization);
  let image = cog.images.get(index);
  if (!image) {
    image = cog.tiff.then((tiff) => loadImage(tiff, index));
    image.catch(() => cog.images.delete(index));
    cog.images.set(index, image);
  }
  return image;
}
