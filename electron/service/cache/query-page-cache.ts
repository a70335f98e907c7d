/**
 * The query-page cache: for one upstream page (normalized query + source + position), the ids of
 * the items it returned, its next position and count, and when it was fetched. A repeated search
 * within the TTL is answered from here and the items cache without the network; older pages are
 * still good enough when the upstream is down or the app is offline.
 */
import type { Db } from '../db/open-database';
import type { SourcePosition } from '../sources/types';

export interface CachedPage {
  itemIds: string[];
  next: SourcePosition | null;
  matched: number | null;
  skipped: number;
  fetchedAt: number;
}

/** Pages kept at most; the oldest are dropped past it (the items stay in the items cache). */
const MAX_PAGES = 20_000;

export class QueryPageCache {
  private readonly upsert;
  private readonly select;
  private writesSincePrune = 0;

  constructor(private readonly db: Db, private readonly maxPages = MAX_PAGES) {
    this.upsert = db.prepare(`
      INSERT INTO cached_query_pages (query_key, position_key, source, item_ids, next, matched, skipped, fetched_at)
      VALUES (@queryKey, @positionKey, @source, @itemIds, @next, @matched, @skipped, @fetchedAt)
      ON CONFLICT (query_key, position_key) DO UPDATE SET source = excluded.source, item_ids = excluded.item_ids,
        next = excluded.next, matched = excluded.matched, skipped = excluded.skipped, fetched_at = excluded.fetched_at`);
    this.select = db.prepare('SELECT item_ids, next, matched, skipped, fetched_at FROM cached_query_pages WHERE query_key = ? AND position_key = ?');
  }

  get(queryKey: string, positionKey: string): CachedPage | null {
    const row = this.select.get(queryKey, positionKey) as
      { item_ids: string; next: string | null; matched: number | null; skipped: number; fetched_at: number } | undefined;
    if (!row) return null;
    return {
      itemIds: JSON.parse(row.item_ids) as string[],
      next: row.next === null ? null : (JSON.parse(row.next) as SourcePosition),
      matched: row.matched,
      skipped: row.skipped,
      fetchedAt: row.fetched_at,
    };
  }

  put(queryKey: string, positionKey: string, source: string, page: CachedPage): void {
    this.upsert.run({
      queryKey,
      positionKey,
      source,
      itemIds: JSON.stringify(page.itemIds),
      next: page.next === null ? null : JSON.stringify(page.next),
      matched: page.matched,
      skipped: page.skipped,
      fetchedAt: page.fetchedAt,
    });
    this.writesSincePrune += 1;
    if (this.writesSincePrune >= 500) this.prune();
  }

  /** Drops the oldest pages beyond the cap. */
  prune(): void {
    this.writesSincePrune = 0;
    const oldestKept = this.db.prepare('SELECT fetched_at FROM cached_query_pages ORDER BY fetched_at DESC LIMIT 1 OFFSET ?')
      .get(this.maxPages - 1) as { fetched_at: number } | undefined;
    if (oldestKept) this.db.prepare('DELETE FROM cached_query_pages WHERE fetched_at < ?').run(oldestKept.fetched_at);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM cached_query_pages').get() as { n: number }).n;
  }

  clear(): void {
    this.db.exec('DELETE FROM cached_query_pages');
  }
}
