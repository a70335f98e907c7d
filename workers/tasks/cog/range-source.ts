/**
 * A geotiff.js source that reads a COG over HTTP with exact Range requests. geotiff.js's own
 * remote source puts every read through 64 KiB blocks — a 350 KB tile arrives as a response,
 * then as copied blocks, then copied again into the requested slice — which triples the bytes
 * a worker allocates per tile and, through the garbage collections that churn causes, costs more
 * CPU than decoding. Here small reads (headers, IFDs, tag arrays) still go through a small block
 * cache, while a tile is one request whose body is handed to the decoder as is.
 * Failures from this service's proxy arrive as AppError-shaped errors (code + message), so a job
 * reports e.g. "offline mode: … has not been cached" rather than an internal error.
 * During a task that attached a byte channel (pool/byte-channel.ts) the same reads go over the
 * task's MessagePort instead of HTTP.
 */

import { readOverChannel } from '../../pool/byte-channel';

/** Reads up to this size share cached blocks; larger ones are fetched exactly. */
const BLOCK_SIZE = 64 * 1024;
const MAX_BLOCKS = 32;

export interface Slice {
  offset: number;
  length: number;
}

/** An error the service's error handler recognises by name (api/errors.ts isAppError). */
export function appErrorLike(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'AppError', code });
}

const STATUS_CODES: Record<number, string> = { 400: 'invalid_parameter', 404: 'not_found', 503: 'service_unavailable', 504: 'upstream_timeout' };

export class RangeSource {
  private readonly blocks = new Map<number, Promise<ArrayBuffer>>();

  constructor(private readonly url: string, private readonly headers: Record<string, string>) {}

  get fileSize(): null {
    return null;
  }

  /** geotiff.js's BaseSource API: one slice. */
  async fetchSlice(slice: Slice, signal?: AbortSignal): Promise<Slice & { data: ArrayBuffer }> {
    return { ...slice, data: (await this.fetch([slice], signal))[0] };
  }

  fetch(slices: readonly Slice[], signal?: AbortSignal): Promise<ArrayBuffer[]> {
    return Promise.all(slices.map((slice) => (slice.length >= BLOCK_SIZE ? this.request(slice.offset, slice.length, signal) : this.fromBlocks(slice, signal))));
  }

  async close(): Promise<void> {
    this.blocks.clear();
  }

  /** One Range request; a short answer at the end of the file is returned as is. */
  private async request(offset: number, length: number, signal?: AbortSignal): Promise<ArrayBuffer> {
    const overChannel = readOverChannel(this.url, offset, length);
    if (overChannel) {
      return overChannel.catch((error: Error & { code?: string }) => {
        throw appErrorLike(error.code ?? 'upstream_error', `could not read bytes ${offset}-${offset + length - 1} of ${this.url}: ${error.message}`);
      });
    }
    const response = await fetch(this.url, { headers: { ...this.headers, range: `bytes=${offset}-${offset + length - 1}` }, signal });
    if (response.status === 416) {
      await response.arrayBuffer();
      return new ArrayBuffer(0);
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      let message = `${response.status} ${response.statusText}`;
      let code = STATUS_CODES[response.status] ?? 'upstream_error';
      try {
        const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
        if (body.error?.message) message = body.error.message;
        if (body.error?.code) code = body.error.code;
      } catch {
        // not our JSON error body
      }
      throw appErrorLike(code, `could not read bytes ${offset}-${offset + length - 1} of ${this.url}: ${message}`);
    }
    const body = await response.arrayBuffer();
    // A server that ignores Range sends the whole file.
    return response.status === 200 ? body.slice(offset, offset + length) : body;
  }

  private block(id: number, signal?: AbortSignal): Promise<ArrayBuffer> {
    let block = this.blocks.get(id);
    if (block) {
      this.blocks.delete(id);
    } else {
      block = this.request(id * BLOCK_SIZE, BLOCK_SIZE, signal);
      block.catch(() => this.blocks.delete(id));
    }
    this.blocks.set(id, block);
    while (this.blocks.size > MAX_BLOCKS) this.blocks.delete(this.blocks.keys().next().value as number);
    return block;
  }

  private async fromBlocks({ offset, length }: Slice, signal?: AbortSignal): Promise<ArrayBuffer> {
    const first = Math.floor(offset / BLOCK_SIZE);
    const last = Math.floor((offset + length - 1) / BLOCK_SIZE);
    const blocks = await Promise.all(Array.from({ length: last - first + 1 }, (_, i) => this.block(first + i, signal)));
    const out = new Uint8Array(length);
    let written = 0;
    for (let i = 0; i < blocks.length && written < length; i++) {
      const start = i === 0 ? offset - first * BLOCK_SIZE : 0;
      const part = new Uint8Array(blocks[i], Math.min(start, blocks[i].byteLength));
      const n = Math.min(part.length, length - written);
      out.set(part.subarray(0, n), written);
      written += n;
      if (part.length < BLOCK_SIZE - start) break; // the end of the file
    }
    return written === length ? out.buffer : out.buffer.slice(0, written);
  }
}
