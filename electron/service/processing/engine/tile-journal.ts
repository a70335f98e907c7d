/**
 * What makes a processing job resumable: every finished output tile's encoded full-resolution
 * blocks (exactly the bytes the COG writer spooled) appended to `<workDir>/tiles.journal`, and the
 * job checkpoint recording how many journal bytes are complete. After a restart the journal is
 * cut back to that length and its tiles are fed to a fresh writer (decoded, so the overviews and
 * statistics are rebuilt, but never recomputed from the inputs, nor re-encoded).
 *
 * Record: u32 magic, u32 tile index, u32 band count, u32 0, band count × u32 block length, blocks.
 * Only offsets are kept in memory; blocks are read back one tile at a time.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

export const JOURNAL_FILE = 'tiles.journal';
const MAGIC = 0x314a5441; // "ATJ1"
const HEADER_BYTES = 16;

export interface JournalCheckpoint {
  v: 1;
  /** Journal bytes holding complete tiles. */
  bytes: number;
  tiles: number;
}

export interface JournalRecord {
  index: number;
  blocks: Array<{ offset: number; length: number }>;
}

export function isJournalCheckpoint(value: unknown): value is JournalCheckpoint {
  const v = value as Partial<JournalCheckpoint> | null;
  return !!v && v.v === 1 && Number.isSafeInteger(v.bytes) && (v.bytes as number) >= 0 && Number.isSafeInteger(v.tiles);
}

async function readRecords(file: FileHandle, length: number): Promise<JournalRecord[]> {
  const records: JournalRecord[] = [];
  const header = Buffer.alloc(HEADER_BYTES);
  let position = 0;
  while (position < length) {
    await file.read(header, 0, HEADER_BYTES, position);
    if (header.readUInt32LE(0) !== MAGIC) throw new Error(`tile journal is corrupt at byte ${position}`);
    const index = header.readUInt32LE(4);
    const bands = header.readUInt32LE(8);
    const lengths = Buffer.alloc(4 * bands);
    await file.read(lengths, 0, lengths.length, position + HEADER_BYTES);
    let offset = position + HEADER_BYTES + lengths.length;
    const blocks = [];
    for (let band = 0; band < bands; band++) {
      const n = lengths.readUInt32LE(4 * band);
      blocks.push({ offset, length: n });
      offset += n;
    }
    if (offset > length) throw new Error(`tile journal ends inside tile ${index}`);
    records.push({ index, blocks });
    position = offset;
  }
  return records;
}

/** The chunks after the first `skip` bytes (what a short vectored write left). */
function remainder(chunks: readonly Uint8Array[], skip: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const chunk of chunks) {
    if (skip >= chunk.length) skip -= chunk.length;
    else {
      out.push(skip > 0 ? chunk.subarray(skip) : chunk);
      skip = 0;
    }
  }
  return out;
}

export class TileJournal {
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(private readonly file: FileHandle, private bytes: number, private tiles: number) {}

  /**
   * Opens the journal: fresh (emptied) without a checkpoint, else cut back to the checkpoint with
   * the records it holds. A journal shorter than its checkpoint is treated as empty.
   */
  static async open(workDir: string, checkpoint: unknown): Promise<{ journal: TileJournal; records: JournalRecord[] }> {
    // Not 'a+': Linux ignores write positions on files opened for appending.
    const path = join(workDir, JOURNAL_FILE);
    const file = await open(path, 'r+').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return open(path, 'w+');
      throw error;
    });
    try {
      const size = (await file.stat()).size;
      if (isJournalCheckpoint(checkpoint) && checkpoint.bytes <= size) {
        const records = await readRecords(file, checkpoint.bytes);
        await file.truncate(checkpoint.bytes);
        return { journal: new TileJournal(file, checkpoint.bytes, records.length), records };
      }
      await file.truncate(0);
      return { journal: new TileJournal(file, 0, 0), records: [] };
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  /** The blocks of one record. */
  async read(record: JournalRecord): Promise<Uint8Array[]> {
    return Promise.all(record.blocks.map(async ({ offset, length }) => {
      const bytes = new Uint8Array(length);
      await this.file.read(bytes, 0, length, offset);
      return bytes;
    }));
  }

  /** Appends one finished tile; resolves with the checkpoint that covers it. Calls are serialised. */
  append(index: number, blocks: readonly Uint8Array[]): Promise<JournalCheckpoint> {
    const run = this.tail.then(async () => {
      const head = Buffer.alloc(HEADER_BYTES + 4 * blocks.length);
      head.writeUInt32LE(MAGIC, 0);
      head.writeUInt32LE(index, 4);
      head.writeUInt32LE(blocks.length, 8);
      blocks.forEach((block, band) => head.writeUInt32LE(block.length, HEADER_BYTES + 4 * band));
      // One vectored write per tile: each libuv request queues behind the pool's deflates.
      const chunks = [head, ...blocks];
      const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
      let written = 0;
      while (written < total) written += (await this.file.writev(remainder(chunks, written), this.bytes + written)).bytesWritten;
      this.bytes += total;
      this.tiles += 1;
      return { v: 1 as const, bytes: this.bytes, tiles: this.tiles };
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.tail;
    await this.file.close();
  }
}
