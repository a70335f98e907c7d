/**
 * The main-thread end of the workers' byte channel (workers/pool/byte-channel.ts): a read of
 * `{baseUrl}/api/v1/scenes/{id}/assets/{band}/cog` answered exactly as that HTTP route answers it
 * — the asset located the same way, the bytes from the same COG byte cache (upstream on a miss,
 * the cache alone offline), a range past the end clamped or empty — without the HTTP round trip.
 */
import type { ByteReadRequest } from '../../../../workers/pool/byte-channel';
import { invalidParameter } from '../../api/errors';
import type { ServiceContext } from '../../service-context';

const PROXY_PATH = /^\/api\/v1\/scenes\/([^/]+)\/assets\/([^/]+)\/cog$/;
/** A job reads each band in file order: keep up to about a row of 512-pixel tiles coming. */
const READ_AHEAD_BYTES = 8 * 1024 * 1024;

export function proxyByteReader(service: Pick<ServiceContext, 'cache'>, baseUrl: string) {
  return async (request: ByteReadRequest, signal?: AbortSignal): Promise<Uint8Array> => {
    const match = request.url.startsWith(`${baseUrl}/`) ? PROXY_PATH.exec(request.url.slice(baseUrl.length)) : null;
    if (!match) throw invalidParameter('url', `not a COG proxy url of this service: ${request.url}`);
    if (!Number.isSafeInteger(request.offset) || !Number.isSafeInteger(request.length) || request.offset < 0 || request.length < 1) {
      throw invalidParameter('range', `bad byte range ${request.offset}+${request.length}`);
    }
    const [sceneId, band] = [decodeURIComponent(match[1]), decodeURIComponent(match[2])];
    const { assets, bytes } = service.cache;
    const location = await assets.locate(sceneId, band, 'any', signal);
    const file = await bytes.stat(location.url, signal);
    if (request.offset >= file.size) return new Uint8Array(0);
    // owned: the pool transfers the result to the worker rather than copy it once more.
    const end = Math.min(file.size, request.offset + request.length) - 1;
    return bytes.read(location.url, request.offset, end, { signal, owned: true, readAheadBytes: READ_AHEAD_BYTES });
  };
}
