import type { Migration } from './migration';

/**
 * Offline-first items cache: every normalized STAC item the service receives, with the columns
 * offline search filters and sorts on, an R*Tree over its footprint box and sensing day, and the
 * query-page cache that answers a repeated upstream page within the TTL.
 *
 * `cached_item_boxes.box_id` = `item_no * 2 + part`: an item whose bbox crosses the antimeridian
 * is stored as two boxes (part 0 east of it, part 1 west of it). The third R*Tree dimension is the
 * sensing time in days since 1970 (R*Tree coordinates are 32-bit floats, rounded outwards, so it
 * is a pre-filter; the exact instant is `datetime_ms`). The fourth is the cloud cover (1000 when
 * unknown, so `< N` never selects it), so the hot bbox + time + cloud query is answered by the tree
 * before any item row is read.
 *
 * The item JSON (10–20 KB for a real item) lives in its own table, so the rows a query filters and
 * sorts stay small and hot; only the page's winners are read whole.
 */
export const migration002ItemsCache: Migration = {
  version: 2,
  name: 'items-cache',
  up(db) {
    db.exec(`
      CREATE TABLE cached_items (
        item_no INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        collection TEXT NOT NULL,
        datetime_ms INTEGER,
        cloud_cover REAL,
        scene_key TEXT,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE cached_item_json (
        item_no INTEGER PRIMARY KEY REFERENCES cached_items (item_no) ON DELETE CASCADE,
        json TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cached_items_by_datetime ON cached_items (datetime_ms DESC, id);
      CREATE INDEX cached_items_by_cloud ON cached_items (cloud_cover, id);
      CREATE INDEX cached_items_by_source ON cached_items (source, collection, datetime_ms);
      CREATE INDEX cached_items_by_scene_key ON cached_items (scene_key) WHERE scene_key IS NOT NULL;

      CREATE VIRTUAL TABLE cached_item_boxes USING rtree (
        box_id, min_lon, max_lon, min_lat, max_lat, min_day, max_day, min_cloud, max_cloud
      );

      CREATE TABLE cached_query_pages (
        query_key TEXT NOT NULL,
        position_key TEXT NOT NULL,
        source TEXT NOT NULL,
        item_ids TEXT NOT NULL,
        next TEXT,
        matched INTEGER,
        skipped INTEGER NOT NULL DEFAULT 0,
        fetched_at INTEGER NOT NULL,
        PRIMARY KEY (query_key, position_key)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX cached_query_pages_by_age ON cached_query_pages (fetched_at);
    `);
  },
};
