/**
 * Writes the final COG: the planned head (header, ghost area, IFDs), then every spooled tile
 * framed by its leader and trailer, in layout order. Streams through two fixed buffers, so memory
 * does not depend on the raster size. Writes to a temporary name and renames at the end, so a
 * reader never sees a half-written COG at `path`.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TILE_LEADER_BYTES, TILE_TRAILER_BYTES } from '../../../../workers/lib/cog/cog-header';
import type { CogLayout } from '../../../../workers/lib/cog/cog-layout';
import type { TileSpool } from './tile-spool';

const CHUNK_BYTES = 4 * 1024 * 1024;
/**
 * The file is made durable before the job reports it (a power cut must not leave a truncated COG
 * behind a "succeeded" job). One fsync at the end would wait for every byte to reach the disk
 * after the copy; instead a data sync starts in the background each time this much more was
 * written, so the disk works while the copy goes on and the last sync has little left to do.
 */
const SYNC_EVERY_BYTES = 64 * 1024 * 1024;

export interface AssembleCogArgs {
  path: string;
  layout: CogLayout;
  /** spools[level][band] */
  spools: readonly (readonly TileSpool[])[];
  signal?: AbortSignal;
}

function largestTile(spools: AssembleCogArgs['spools']): number {
  let largest = 0;
  for (const level of spools) for (const spool of level) for (const n of spool.byteCounts()) largest = Math.max(largest, n);
  return largest;
}

export async function assembleCog({ path, layout, spools, signal }: AssembleCogArgs): Promise<number> {
  const partialPath = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.partial`);
  const file = await open(partialPath, 'wx');
  let renamed = false;
  try {
    const bufferSize = Math.max(CHUNK_BYTES, largestTile(spools) + TILE_LEADER_BYTES + TILE_TRAILER_BYTES);
    const readBuffer = new Uint8Array(bufferSize);
    const writeBuffer = new Uint8Array(bufferSize);
    const writeView = new DataView(writeBuffer.buffer);
    let filePosition = 0;
    let buffered = 0;
    let syncedUpTo = 0;
    let syncing: Promise<void> | null = null;
    const syncInBackground = () => {
      if (syncing || filePosition - syncedUpTo < SYNC_EVERY_BYTES) return;
      const upTo = filePosition;
      syncing = file.datasync().then(() => { syncedUpTo = upTo; }).finally(() => { syncing = null; });
      // Awaited (and its failure thrown) by the final sync; never left unhandled meanwhile.
      syncing.catch(() => undefined);
    };

    const writeAll = async (bytes: Uint8Array) => {
      let done = 0;
      while (done < bytes.length) {
        const { bytesWritten } = await file.write(bytes, done, bytes.length - done, filePosition + done);
        done += bytesWritten;
      }
      filePosition += bytes.length;
    };
    const flush = async () => {
      await writeAll(writeBuffer.subarray(0, buffered));
      buffered = 0;
      syncInBackground();
    };
    const frameTile = async (tile: Uint8Array) => {
      if (buffered + tile.length + TILE_LEADER_BYTES + TILE_TRAILER_BYTES > writeBuffer.length) await flush();
      writeView.setUint32(buffered, tile.length, true);
      writeBuffer.set(tile, buffered + TILE_LEADER_BYTES);
      buffered += TILE_LEADER_BYTES + tile.length;
      writeBuffer.copyWithin(buffered, buffered - TILE_TRAILER_BYTES, buffered);
      buffered += TILE_TRAILER_BYTES;
    };

    await writeAll(layout.head);
    for (const level of layout.dataOrder) {
      for (const spool of spools[level]) {
        const lengths = spool.byteCounts();
        // Copy runs of tiles that sit back to back in the spool with one read each.
        for (let k = 0; k < lengths.length;) {
          signal?.throwIfAborted();
          const start = spool.position(k);
          let runBytes = lengths[k];
          let end = k + 1;
          while (end < lengths.length && spool.position(end) === start + runBytes && runBytes + lengths[end] <= readBuffer.length) {
            runBytes += lengths[end];
            end++;
          }
          await spool.read(readBuffer, runBytes, start);
          let offset = 0;
          for (let i = k; i < end; i++) {
            await frameTile(readBuffer.subarray(offset, offset + lengths[i]));
            offset += lengths[i];
          }
          k = end;
        }
      }
    }
    await flush();
    if (filePosition !== layout.totalBytes) {
      throw new Error(`COG assembly wrote ${filePosition} bytes, the layout planned ${layout.totalBytes}`);
    }
    await syncing;
    await file.sync();
    await file.close();
    await rename(partialPath, path);
    renamed = true;
    return filePosition;
  } finally {
    if (!renamed) {
      await file.close().catch(() => undefined);
      await rm(partialPath, { force: true });
    }
  }
}
