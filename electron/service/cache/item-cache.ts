/**
 * The items cache: every normalized STAC item the service receives, upserted into SQLite, and
 * the queries offline search answers from it (see item-query.ts).
 *
 * Writes from the search path are queued (`upsertLater`) and written behind (write-behind-queue.ts):
 * while upstream calls are in flight (`holdWrites`) they wait, then go out a page per event-loop
 * turn, so a search answers without waiting for SQLite. A read that touches anything queued
 * writes the queue first, so readers never see the cache behind; reads of other items (e.g. a
 * search's next upstream page) do not wait for it.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open-database';
import type { StacItem } from '../stac/types';
import { boxId, footprintBoxes, itemRow } from './item-row';
import { buildItemQuery, type ItemKeyset, type ItemQuery } from './item-query';
import { WriteBehindQueue, type QueuedWrite } from './write-behind-queue';

export type { ItemKeyset, ItemQuery } from './item-query';

export interface ItemQueryResult {
  items: StacItem[];
  /** Keyset to pass as `after` for the next page; null when this was the last one. */
  next: ItemKeyset | null;
}

export interface CachedItem {
  item: StacItem;
  /** Epoch ms of the last upsert. */
  updatedAt: number;
}

export class ItemCache {
  private readonly upsertRow;
  private readonly upsertJson;
  private readonly touchIfSame;
  private readonly deleteBoxes;
  private readonly insertBox;
  private readonly selectOne;
  private readonly selectJson;
  private readonly countIds;
  private readonly writeItems;
  private readonly writeBatch;
  private readonly writeQueued;
  /** Prepared query statements by SQL text (a handful of shapes: which filters are present). */
  private readonly queries = new Map<string, Statement>();
  private readonly queue: WriteBehindQueue<StacItem>;

  constructor(private readonly db: Db, private readonly now: () => number = Date.now) {
    this.upsertRow = db.prepare(`
      INSERT INTO cached_items (id, source, collection, datetime_ms, cloud_cover, scene_key, updated_at)
      VALUES (@id, @source, @collection, @datetimeMs, @cloudCover, @sceneKey, @updatedAt)
      ON CONFLICT (id) DO UPDATE SET source = excluded.source, collection = excluded.collection,
        datetime_ms = excluded.datetime_ms, cloud_cover = excluded.cloud_cover, scene_key = excluded.scene_key,
        updated_at = excluded.updated_at
      RETURNING item_no`);
    this.upsertJson = db.prepare('INSERT OR REPLACE INTO cached_item_json (item_no, json) VALUES (?, ?)');
    // An item stored with byte-identical JSON has identical columns and boxes too (all derive from
    // it): only its age changes, which skips the JSON rewrite and the R*Tree delete/insert.
    this.touchIfSame = db.prepare(`UPDATE cached_items SET updated_at = ?
      WHERE id = ? AND (SELECT json FROM cached_item_json AS j WHERE j.item_no = cached_items.item_no) = ?`);
    this.deleteBoxes = db.prepare('DELETE FROM cached_item_boxes WHERE box_id IN (?, ?)');
    this.insertBox = db.prepare(`INSERT INTO cached_item_boxes (box_id, min_lon, max_lon, min_lat, max_lat, min_day, max_day, min_cloud, max_cloud)
      VALUES (@boxId, @minLon, @maxLon, @minLat, @maxLat, @minDay, @maxDay, @minCloud, @maxCloud)`);
    this.selectOne = db.prepare(`SELECT j.json, i.updated_at FROM cached_items AS i JOIN cached_item_json AS j USING (item_no) WHERE i.id = ?`);
    this.selectJson = db.prepare('SELECT c.item_no, c.json FROM json_each(?) AS j CROSS JOIN cached_item_json AS c ON c.item_no = j.value');
    this.countIds = db.prepare('SELECT count(*) AS n FROM cached_items WHERE id IN (SELECT value FROM json_each(?))');
    this.writeItems = db.transaction((items: readonly StacItem[], updatedAt: number) => {
      for (const item of items) this.writeItem(item, updatedAt);
    });
    const writeQueued = db.transaction((write: QueuedWrite<StacItem>) => {
      for (const item of write.items) this.writeItem(item, write.updatedAt);
      write.alongside?.();
    });
    // A failed cache write must not fail anything else; it costs that page only.
    this.writeQueued = (write: QueuedWrite<StacItem>) => {
      try {
        writeQueued(write);
      } catch { /* e.g. the database was closed meanwhile: the cache only misses this page */ }
    };
    // Nested, so each queued page is a savepoint: a failed write costs that page, not the batch.
    this.writeBatch = db.transaction((batch: QueuedWrite<StacItem>[]) => batch.forEach(this.writeQueued));
    this.queue = new WriteBehindQueue<StacItem>({
      writeOne: this.writeQueued,
      writeAll: (batch) => {
        try {
          this.writeBatch(batch);
        } catch { /* see writeQueued */ }
      },
      idOf: (item) => item.id,
      now,
    });
  }

  private writeItem(item: StacItem, updatedAt: number): void {
    const row = itemRow(item);
    if (this.touchIfSame.run(updatedAt, row.id, row.json).changes > 0) return;
    const { item_no: itemNo } = this.upsertRow.get({ ...row, updatedAt }) as { item_no: number };
    this.upsertJson.run(itemNo, row.json);
    this.deleteBoxes.run(boxId(itemNo, 0), boxId(itemNo, 1));
    for (const box of footprintBoxes(item)) this.insertBox.run({ boxId: boxId(itemNo, box.part), ...box });
  }

  /** Inserts or replaces items (by id) in one transaction, now. */
  upsertMany(items: readonly StacItem[]): void {
    this.flush();
    if (items.length > 0) this.writeItems(items, this.now());
  }

  /**
   * Queues items, and a write that belongs with them (their query page, named by `key`), to be
   * written behind. Failures are swallowed there: a cache write must never fail a search.
   */
  upsertLater(items: readonly StacItem[], alongside?: { key: string; write: () => void }): void {
    this.queue.enqueue({ items, updatedAt: this.now(), key: alongside?.key, alongside: alongside?.write });
  }

  /** Holds queued writes back (an upstream call is in flight) until the returned release runs. */
  holdWrites(): () => void {
    return this.queue.hold();
  }

  /** Pages queued to be written behind and not yet in the database. */
  get queuedPages(): number {
    return this.queue.size;
  }

  /** True while a write queued under `key` (see upsertLater) is not yet in the database. */
  isQueued(key: string): boolean {
    return this.queue.isQueued(key);
  }

  /** Writes everything queued, in one transaction. */
  flush(): void {
    this.queue.flush();
  }

  private flushIfQueued(ids: Iterable<string>): void {
    if (this.queue.hasAnyOf(ids)) this.flush();
  }

  get(id: string): StacItem | null {
    return this.getWithAge(id)?.item ?? null;
  }

  getWithAge(id: string): CachedItem | null {
    this.flushIfQueued([id]);
    const row = this.selectOne.get(id) as { json: string; updated_at: number } | undefined;
    return row ? { item: JSON.parse(row.json) as StacItem, updatedAt: row.updated_at } : null;
  }

  /** The items among `ids` that are cached, by id. */
  getMany(ids: readonly string[]): Map<string, StacItem> {
    this.flushIfQueued(ids);
    const rows = this.db.prepare(`SELECT i.id, j.json FROM cached_items AS i JOIN cached_item_json AS j USING (item_no)
      WHERE i.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Array<{ id: string; json: string }>;
    return new Map(rows.map((row) => [row.id, JSON.parse(row.json) as StacItem]));
  }

  /** True when every one of `ids` is cached; reads no item JSON. */
  hasAll(ids: readonly string[]): boolean {
    const unique = new Set(ids);
    this.flushIfQueued(unique);
    return (this.countIds.get(JSON.stringify([...unique])) as { n: number }).n === unique.size;
  }

  query(query: ItemQuery): ItemQueryResult {
    this.flush();
    const { sql, params } = buildItemQuery(query);
    let statement = this.queries.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.queries.set(sql, statement);
    }
    const rows = statement.all(params) as Array<{ item_no: number; id: string; k: number | null }>;
    const page = rows.slice(0, query.limit);
    const json = new Map((this.selectJson.all(JSON.stringify(page.map((row) => row.item_no))) as Array<{ item_no: number; json: string }>)
      .map((row) => [row.item_no, row.json]));
    const last = page[page.length - 1];
    return {
      items: page.map((row) => JSON.parse(json.get(row.item_no) as string) as StacItem),
      next: rows.length > query.limit && last ? { k: last.k, id: last.id } : null,
    };
  }

  /** `EXPLAIN QUERY PLAN` of `query`, one line per plan step (for tests and benchmarks). */
  explain(query: ItemQuery): string[] {
    this.flush();
    const { sql, params } = buildItemQuery(query);
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((row) => row.detail);
  }

  count(): number {
    this.flush();
    return (this.db.prepare('SELECT count(*) AS n FROM cached_items').get() as { n: number }).n;
  }

  clear(): void {
    this.flush();
    this.db.transaction(() => {
      this.db.exec('DELETE FROM cached_item_boxes; DELETE FROM cached_item_json; DELETE FROM cached_items; DELETE FROM cached_query_pages;');
    })();
  }
}
