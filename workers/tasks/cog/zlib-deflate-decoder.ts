/**
 * DEFLATE tiles decoded with Node's zlib instead of geotiff.js's default (pako). Measured on
 * 512×512 uint16 Sentinel-2-like COG tiles on this project's 2-core CI machine (noisy, shared):
 * pako.inflate 18.7–42.9 ms/tile, zlib.inflateSync 9.9–10.7 ms/tile; a 512×512 window through
 * geotiff.js readRasters 44.8–71.2 ms (pako) against 21.6–33.5 ms (zlib).
 * test/unit/processing/deflate-decoders.test.ts measures both again on every run.
 */
import { inflateSync } from 'node:zlib';
import type { BaseDecoder } from 'geotiff';
import { geotiffModule } from './geotiff-module';

/** TIFF Compression tag values for DEFLATE: 8 (Adobe) and 32946 (old-style). */
export const DEFLATE_COMPRESSIONS = [8, 32946] as const;

/** A buffer that owns all of its ArrayBuffer (zlib may return a view into a larger one). */
export function ownArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  return bytes.slice().buffer;
}

/** zlib.inflateSync of one block, as an ArrayBuffer geotiff.js can apply predictors to. */
export function inflateBlock(buffer: ArrayBufferLike): ArrayBuffer {
  return ownArrayBuffer(inflateSync(new Uint8Array(buffer)));
}

let installed: Promise<void> | undefined;

/** Makes geotiff.js decode DEFLATE with zlib in this thread (idempotent). */
export function useZlibForDeflate(): Promise<void> {
  installed ??= geotiffModule().then(({ addDecoder, BaseDecoder: Base }) => {
    class ZlibDeflateDecoder extends Base {
      override decodeBlock(buffer: ArrayBufferLike): ArrayBuffer {
        return inflateBlock(buffer);
      }
    }
    // preferWorker=false: we already are the worker; geotiff.js must not start its own.
    addDecoder([...DEFLATE_COMPRESSIONS], async () => ZlibDeflateDecoder as unknown as typeof BaseDecoder, undefined, false);
  });
  return installed;
}
