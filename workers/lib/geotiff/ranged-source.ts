/**
 * A geotiff.js source (its BaseSource API: `fetch(slices)`, `fileSize`, `close()`) over a byte
 * reader — any `(offset, length) → bytes`, e.g. the service's asset byte source on the main
 * thread or a worker's byte channel. geotiff.js's own remote source puts every read through
 * 64 KiB blocks — a 350 KB tile arrives as a response, then as copied blocks, then copied again
 * into the requested slice — which triples the bytes a worker allocates per tile and, through the
 * garbage collections that churn causes, costs more CPU than decoding. Here small reads (headers,
 * IFDs, tag arrays) still go through a small block cache, while a tile is one exact read whose
 * bytes are handed to the decoder as they are. Pure: the reader does the I/O.
 */

/** Reads up to this size share cached blocks; larger ones are read exactly. */
const BLOCK_SIZE = 64 * 1024;
const MAX_BLOCKS = 32;

export interface Slice {
  offset: number;
  length: number;
}

/**
 * Bytes `offset`..`offset + length` of the file; fewer at its end (nothing past it). The result
 * is handed to geotiff.js as is.
 */
export type ByteReader = (offset: number, length: number, signal?: AbortSignal) => Promise<ArrayBuffer>;

export class RangedSource {
  private readonly blocks = new Map<number, Promise<ArrayBuffer>>();

  constructor(private readonly read: ByteReader) {}

  get fileSize(): null {
    return null;
  }

  /** geotiff.js's BaseSource API: one slice. */
  async fetchSlice(slice: Slice, signal?: AbortSignal): Promise<Slice & { data: ArrayBuffer }> {
    return { ...slice, data: (await this.fetch([slice], signal))[0] };
  }

  fetch(slices: readonly Slice[], signal?: AbortSignal): Promise<ArrayBuffer[]> {
    return Promise.all(slices.map((slice) => (slice.length >= BLOCK_SIZE ? this.read(slice.offset, slice.length, signal) : this.fromBlocks(slice, signal))));
  }

  async close(): Promise<void> {
    this.blocks.clear();
  }

  private block(id: number, signal?: AbortSignal): Promise<ArrayBuffer> {
    let block = this.blocks.get(id);
    if (block) {
      this.blocks.delete(id);
    } else {
      block = this.read(id * BLOCK_SIZE, BLOCK_SIZE, signal);
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
