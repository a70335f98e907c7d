/**
 * A temporary file that collects the encoded tiles of one (level, band) as they arrive, in any
 * order, and remembers where each one went. finish() copies them out in file order; when they
 * arrived row-major the copy is one sequential read.
 */
import { open, rm, type FileHandle } from 'node:fs/promises';

export class TileSpool {
  private size = 0;
  private readonly positions: Float64Array;
  private readonly lengths: Uint32Array;

  private constructor(private readonly handle: FileHandle, readonly path: string, tileCount: number) {
    this.positions = new Float64Array(tileCount).fill(-1);
    this.lengths = new Uint32Array(tileCount);
  }

  static async create(path: string, tileCount: number): Promise<TileSpool> {
    return new TileSpool(await open(path, 'wx+'), path, tileCount);
  }

  get tileCount(): number {
    return this.positions.length;
  }

  has(index: number): boolean {
    return this.positions[index] >= 0;
  }

  /** True once every tile of this (level, band) has been spooled. */
  isComplete(): boolean {
    return this.positions.every((position) => position >= 0);
  }

  position(index: number): number {
    return this.positions[index];
  }

  /** Compressed sizes by tile index (0 for tiles not yet spooled). */
  byteCounts(): Uint32Array {
    return this.lengths;
  }

  /** Appends one tile. Space is reserved synchronously, so concurrent appends never overlap. */
  async append(index: number, bytes: Uint8Array): Promise<void> {
    if (this.has(index)) throw new Error(`tile ${index} spooled twice`);
    const at = this.size;
    this.size += bytes.length;
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, written, bytes.length - written, at + written);
      written += bytesWritten;
    }
    this.positions[index] = at;
    this.lengths[index] = bytes.length;
  }

  async read(into: Uint8Array, length: number, position: number): Promise<void> {
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.handle.read(into, done, length - done, position + done);
      if (bytesRead === 0) throw new Error(`${this.path}: unexpected end of spool`);
      done += bytesRead;
    }
  }

  async dispose(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.path, { force: true });
  }
}
