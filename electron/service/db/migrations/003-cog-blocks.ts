import type { Migration } from './migration';

/**
 * COG byte cache: fixed, aligned blocks of each upstream file keyed by its UNSIGNED url and block
 * index, plus one row per url with the size and ETag the blocks belong to. A block row is written
 * whole inside a transaction, so a crash never leaves a torn block. `last_used` orders
 * least-recently-used eviction; `pinned` blocks (offline prefetch) go last.
 */
export const migration003CogBlocks: Migration = {
  version: 3,
  name: 'cog-blocks',
  up(db) {
    db.exec(`
      CREATE TABLE cog_files (
        file_id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        block_size INTEGER NOT NULL,
        etag TEXT,
        content_type TEXT,
        fetched_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE cog_blocks (
        block_id INTEGER PRIMARY KEY,
        file_id INTEGER NOT NULL REFERENCES cog_files (file_id) ON DELETE CASCADE,
        block_index INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        last_used INTEGER NOT NULL,
        pinned INTEGER NOT NULL DEFAULT 0,
        data BLOB NOT NULL,
        UNIQUE (file_id, block_index)
      ) STRICT;
      CREATE INDEX cog_blocks_by_use ON cog_blocks (pinned, last_used);
    `);
  },
};
