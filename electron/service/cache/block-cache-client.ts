/**
 * A geotiff.js client whose byte ranges come from the COG byte cache (SQLite first, upstream for
 * what is missing): `fromCustomClient(new BlockCacheClient(bytes, url))` reads a COG in-process
 * exactly as a reader over the HTTP proxy would, without the HTTP.
 */
import { BaseClient, BaseResponse } from 'geotiff';
import type { CogByteCache } from './cog-byte-cache';

class CachedBytesResponse extends BaseResponse {
  constructor(private readonly code: number, private readonly headers: Record<string, string>, private readonly data: ArrayBuffer) {
    super();
  }

  override get status(): number {
    return this.code;
  }

  override getHeader(name: string): string | undefined {
    return this.headers[name.toLowerCase()];
  }

  override async getData(): Promise<ArrayBuffer> {
    return this.data;
  }
}

const RANGE = /^bytes=(\d+)-(\d+)$/;

export class BlockCacheClient extends BaseClient {
  constructor(private readonly bytes: CogByteCache, url: string, private readonly options: { pin?: boolean } = {}) {
    super(url);
  }

  override async request(init: RequestInit = {}): Promise<BaseResponse> {
    const headers = new Headers(init.headers);
    const match = RANGE.exec(headers.get('range') ?? '');
    const file = await this.bytes.stat(this.url, init.signal ?? undefined);
    const start = match ? Number(match[1]) : 0;
    const end = Math.min(match ? Number(match[2]) : file.size - 1, file.size - 1);
    const data = await this.bytes.read(this.url, start, end, { signal: init.signal ?? undefined, pin: this.options.pin });
    const copy = data.buffer.slice(data.byteOffset, data.byteOffset + data.length) as ArrayBuffer;
    return new CachedBytesResponse(206, { 'content-range': `bytes ${start}-${start + data.length - 1}/${file.size}`, 'content-type': 'image/tiff' }, copy);
  }
}
