/**
 * SQLite storage of COG byte blocks (migration 003): per-url size/ETag rows and fixed, aligned
 * blocks written whole in transactions. Keeps the total under a byte limit by evicting the
 * least-recently-used blocks (pinned ones last) — also when opened, so a lowered limit applies at
 * start-up — and gives the pages evicted blocks occupied back to the file system. Synchronous; the
 * read-through logic and upstream fetching live in cog-byte-cache.ts.
 */
import { reclaimFreePages, type Db } from '../db/open-database';
import { diskFullError, isDiskFullError } from '../storage/disk-full';

export interface CachedFile {
  fileId: number;
  url: string;
  size: number;
  blockSize: number;
  etag: string | null;
  contentType: string | null;
}

export interface StoredBlock {
  blockId: number;
  data: Buffer;
}

export interface BlockStoreStats {
  files: number;
  blocks: number;
  bytes: number;
  pinnedBytes: number;
  limit: number;
  evictedBlocks: number;
}

/** How often recorded uses are written back (they are also flushed before every eviction). */
const TOUCH_FLUSH_MS = 2_000;
/**
 * A use is only recorded when the block's last recorded use is at least this old: eviction order
 * to the minute is plenty, and a job re-reading the blocks it has just read (a time series over
 * 100 scenes: 3,000 of them) then costs the main thread no write at all.
 */
const TOUCH_RESOLUTION_MS = 60_000;

export interface BlockStoreOptions {
  /** Uses closer than this to the last recorded one are not written (default one minute). */
  readonly touchResolutionMs?: number;
}

/**
 * Free pages left in the file after an eviction before they are returned to the file system: at
 * the limit, every write evicts about what it adds, and the next write reuses those pages.
 */
const FREE_PAGE_SLACK_BYTES = 32 * 1024 * 1024;

export class BlockStore {
  private totalBytes: number;
  private evicted = 0;
  /** block_id → last use (epoch ms), written back in batches: a read should not cost a write. */
  private readonly pendingTouches = new Map<number, number>();
  private readonly flushTimer: NodeJS.Timeout;
  private readonly stmt;

  private readonly touchResolutionMs: number;

  constructor(private readonly db: Db, private limitBytes: number, private readonly now: () => number = Date.now, options: BlockStoreOptions = {}) {
    this.touchResolutionMs = options.touchResolutionMs ?? TOUCH_RESOLUTION_MS;
    this.stmt = {
      fileByUrl: db.prepare('SELECT file_id AS fileId, url, size, block_size AS blockSize, etag, content_type AS contentType FROM cog_files WHERE url = ?'),
      insertFile: db.prepare(`INSERT INTO cog_files (url, size, block_size, etag, content_type, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (url) DO UPDATE SET size = excluded.size, block_size = excluded.block_size, etag = excluded.etag,
          content_type = excluded.content_type, fetched_at = excluded.fetched_at
        RETURNING file_id AS fileId`),
      blocks: db.prepare('SELECT block_index AS blockIndex, block_id AS blockId, last_used AS lastUsed, data FROM cog_blocks WHERE file_id = ? AND block_index BETWEEN ? AND ?'),
      hasBlock: db.prepare('SELECT 1 FROM cog_blocks WHERE file_id = ? AND block_index = ?'),
      blockIndexes: db.prepare('SELECT block_index AS i FROM cog_blocks WHERE file_id = ? AND block_index BETWEEN ? AND ?'),
      insertBlock: db.prepare(`INSERT INTO cog_blocks (file_id, block_index, bytes, last_used, pinned, data) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (file_id, block_index) DO UPDATE SET bytes = excluded.bytes, last_used = excluded.last_used,
          pinned = max(pinned, excluded.pinned), data = excluded.data`),
      blockBytes: db.prepare('SELECT bytes FROM cog_blocks WHERE file_id = ? AND block_index = ?'),
      pin: db.prepare('UPDATE cog_blocks SET pinned = 1 WHERE file_id = ? AND block_index BETWEEN ? AND ?'),
      touch: db.prepare('UPDATE cog_blocks SET last_used = max(last_used, ?) WHERE block_id = ?'),
      lru: db.prepare('SELECT block_id AS blockId, bytes FROM cog_blocks ORDER BY pinned, last_used LIMIT 512'),
      deleteBlock: db.prepare('DELETE FROM cog_blocks WHERE block_id = ?'),
      fileBytes: db.prepare('SELECT total(bytes) AS n FROM cog_blocks WHERE file_id = ?'),
      deleteFile: db.prepare('DELETE FROM cog_files WHERE file_id = ?'),
      deleteFileBlocks: db.prepare('DELETE FROM cog_blocks WHERE file_id = ?'),
    };
    this.totalBytes = (db.prepare('SELECT total(bytes) AS n FROM cog_blocks').get() as { n: number }).n;
    this.flushTimer = setInterval(() => {
      try {
        this.flushTouches();
      } catch {
        // Uses are hints for eviction order; a failed write (a full disk) loses only those.
      }
    }, TOUCH_FLUSH_MS);
    this.flushTimer.unref();
    this.evictToLimit();
    reclaimFreePages(db);
  }

  get limit(): number {
    return this.limitBytes;
  }

  setLimit(bytes: number): void {
    this.limitBytes = bytes;
    this.evictToLimit();
  }

  file(url: string): CachedFile | null {
    return (this.stmt.fileByUrl.get(url) as CachedFile | undefined) ?? null;
  }

  /** Records (or replaces) a url's size and ETag; a different size, block size or ETag drops its blocks first. */
  putFile(url: string, meta: { size: number; blockSize: number; etag: string | null; contentType: string | null }): CachedFile {
    const { file, freed } = this.write(() => {
      const existing = this.file(url);
      const stale = existing && (existing.size !== meta.size || existing.blockSize !== meta.blockSize || existing.etag !== meta.etag);
      const bytes = stale ? this.deleteFileBlocks(existing.fileId) : 0;
      const { fileId } = this.stmt.insertFile.get(url, meta.size, meta.blockSize, meta.etag, meta.contentType, this.now()) as { fileId: number };
      return { file: { fileId, url, ...meta }, freed: bytes };
    });
    this.totalBytes -= freed;
    return file;
  }

  /** Stored blocks `first..last` of a file, by block index; records their use. */
  readBlocks(fileId: number, first: number, last: number): Map<number, Buffer> {
    const rows = this.stmt.blocks.all(fileId, first, last) as Array<{ blockIndex: number; blockId: number; lastUsed: number; data: Buffer }>;
    const at = this.now();
    for (const row of rows) if (at - row.lastUsed >= this.touchResolutionMs) this.pendingTouches.set(row.blockId, at);
    return new Map(rows.map((row) => [row.blockIndex, row.data]));
  }

  hasBlock(fileId: number, index: number): boolean {
    return this.stmt.hasBlock.get(fileId, index) !== undefined;
  }

  /** Indices of the stored blocks among `first..last`. */
  storedIndices(fileId: number, first: number, last: number): Set<number> {
    return new Set((this.stmt.blockIndexes.all(fileId, first, last) as Array<{ i: number }>).map((row) => row.i));
  }

  /** Writes blocks all-or-nothing, then evicts down to the limit. */
  writeBlocks(fileId: number, blocks: ReadonlyArray<{ index: number; data: Buffer }>, pinned = false): void {
    if (blocks.length === 0) return;
    const at = this.now();
    // The running total changes only once the transaction has committed.
    const added = this.write(() => {
      let delta = 0;
      for (const { index, data } of blocks) {
        const previous = this.stmt.blockBytes.get(fileId, index) as { bytes: number } | undefined;
        this.stmt.insertBlock.run(fileId, index, data.length, at, pinned ? 1 : 0, data);
        delta += data.length - (previous?.bytes ?? 0);
      }
      return delta;
    });
    this.totalBytes += added;
    this.evictToLimit();
  }

  /** One write transaction; a full disk surfaces as insufficient_storage (507), not an internal error. */
  private write<T>(work: () => T): T {
    try {
      return this.db.transaction(work)();
    } catch (error) {
      throw isDiskFullError(error) ? diskFullError(error) : error;
    }
  }

  pinBlocks(fileId: number, first: number, last: number): void {
    this.stmt.pin.run(fileId, first, last);
  }

  flushTouches(): void {
    if (this.pendingTouches.size === 0) return;
    // The timer may outlive a database its owner closed without closing this store first.
    if (!this.db.open) {
      this.pendingTouches.clear();
      clearInterval(this.flushTimer);
      return;
    }
    const touches = [...this.pendingTouches];
    this.pendingTouches.clear();
    this.db.transaction(() => { for (const [blockId, at] of touches) this.stmt.touch.run(at, blockId); })();
  }

  evictToLimit(): void {
    if (this.totalBytes <= this.limitBytes) return;
    this.flushTouches();
    const freed = this.db.transaction(() => {
      let bytes = 0;
      let blocks = 0;
      while (this.totalBytes - bytes > this.limitBytes) {
        const victims = this.stmt.lru.all() as Array<{ blockId: number; bytes: number }>;
        if (victims.length === 0) break;
        for (const victim of victims) {
          if (this.totalBytes - bytes <= this.limitBytes) break;
          this.stmt.deleteBlock.run(victim.blockId);
          bytes += victim.bytes;
          blocks += 1;
        }
      }
      return { bytes, blocks };
    })();
    this.totalBytes -= freed.bytes;
    this.evicted += freed.blocks;
    reclaimFreePages(this.db, FREE_PAGE_SLACK_BYTES);
  }

  /** Deletes a file's blocks; returns the bytes freed (callers inside a transaction apply it after commit). */
  private deleteFileBlocks(fileId: number): number {
    const { n } = this.stmt.fileBytes.get(fileId) as { n: number };
    this.stmt.deleteFileBlocks.run(fileId);
    return n;
  }

  dropFile(fileId: number): void {
    const freed = this.db.transaction(() => {
      const bytes = this.deleteFileBlocks(fileId);
      this.stmt.deleteFile.run(fileId);
      return bytes;
    })();
    this.totalBytes -= freed;
  }

  stats(): BlockStoreStats {
    const row = this.db.prepare(`SELECT (SELECT count(*) FROM cog_files) AS files, count(*) AS blocks,
      total(CASE WHEN pinned = 1 THEN bytes ELSE 0 END) AS pinnedBytes FROM cog_blocks`).get() as
      { files: number; blocks: number; pinnedBytes: number };
    return { ...row, bytes: this.totalBytes, limit: this.limitBytes, evictedBlocks: this.evicted };
  }

  clear(): void {
    this.pendingTouches.clear();
    this.db.transaction(() => this.db.exec('DELETE FROM cog_blocks; DELETE FROM cog_files;'))();
    this.totalBytes = 0;
    reclaimFreePages(this.db);
  }

  close(): void {
    clearInterval(this.flushTimer);
    this.flushTouches();
  }
}
